import { useState } from 'react';
import { AllocationTargets } from '#contracts/insight-allocation.ts';
import { ALLOCATION_CATEGORIES } from '#domain/insight/allocation.ts';
import { Form, TextField } from '#web/components/form.tsx';
import { api, apiPath } from '#web/lib/api.ts';
import { useAllocationTargets } from './allocation-api.ts';

/** The PO's category ranges (percent); an empty pair means "no range". */
export function CategoryTargetsForm({ productId, onSaved }: { productId: string; onSaved: () => void }) {
  const q = useAllocationTargets(productId);
  const [open, setOpen] = useState(false);
  if (!q.data) return null;
  const t = q.data;
  return (
    <details className="card alloc-targets" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Category ranges</summary>
      <Form
        aria-label="Category ranges"
        submitLabel="Save ranges"
        onSubmit={(v) => {
          const categories: Record<string, { min: number; max: number }> = {};
          for (const c of ALLOCATION_CATEGORIES) {
            const min = v[`${c}.min`]?.trim();
            const max = v[`${c}.max`]?.trim();
            if (min || max) categories[c] = { min: Number(min || 0), max: Number(max || 100) };
          }
          return api.put(
            apiPath('products', productId, 'allocation-targets'),
            { categories },
            AllocationTargets,
            {
              ifMatch: t.version,
            },
          );
        }}
        onSuccess={() => {
          void q.refetch();
          onSaved();
        }}
      >
        <div className="alloc-range-grid">
          {ALLOCATION_CATEGORIES.map((c) => (
            <div key={c} className="alloc-range">
              <TextField
                name={`${c}.min`}
                label={`${c} min %`}
                inputMode="decimal"
                defaultValue={t.categories[c]?.min?.toString() ?? ''}
              />
              <TextField
                name={`${c}.max`}
                label={`${c} max %`}
                inputMode="decimal"
                defaultValue={t.categories[c]?.max?.toString() ?? ''}
              />
            </div>
          ))}
        </div>
      </Form>
    </details>
  );
}
