import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { Product } from '#contracts/products.ts';
import { ROLE_LABELS } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { Form, TextField } from '#web/components/form.tsx';
import { PageHead } from '#web/components/ui.tsx';
import { SlaPolicySection } from '#web/features/sla/sla-policy-section.tsx';
import { api, apiPath, isApiError } from '#web/lib/api.ts';
import { keys } from '#web/lib/queries.ts';
import { MembersSection } from './members-section.tsx';
import { SegmentsSection } from './segments-section.tsx';
import { WebhooksSection } from './webhooks-section.tsx';

/** Product settings: members and roles, customer segments, webhooks, details. Only the PO changes them. */
export function ProductSettingsPage() {
  const product = useProduct();
  const isOwner = useCan(['owner']);
  return (
    <div className="page">
      <PageHead
        title="Settings"
        subtitle={
          <>
            {product.name} · <span className="mono">{product.key}</span> · you are{' '}
            {ROLE_LABELS[product.role].toLowerCase().startsWith('a') ? 'an' : 'a'} {ROLE_LABELS[product.role]}
          </>
        }
      />
      <MembersSection product={product} canEdit={isOwner} />
      <SegmentsSection product={product} canEdit={isOwner} />
      <SlaPolicySection productId={product.id} canEdit={isOwner} />
      {isOwner && <WebhooksSection product={product} />}
      {isOwner && <DetailsSection product={product} />}
    </div>
  );
}

function DetailsSection({ product }: { product: Product }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return (
    <section className="section" aria-labelledby="details-h">
      <h2 id="details-h">Details</h2>
      <Form
        aria-label="Product details"
        submitLabel="Save details"
        busyLabel="Saving…"
        onSubmit={async (v) => {
          try {
            return await api.patch(
              apiPath('products', product.id),
              { name: v.name, key: v.key, description: v.description },
              Product,
              { ifMatch: product.version },
            );
          } catch (err) {
            if (isApiError(err, 'version_conflict')) {
              // Someone else saved first: load theirs; what this user typed stays in the inputs.
              await qc.invalidateQueries({ queryKey: keys.products });
              throw new Error(
                'Someone changed these details since you opened the page. Their version is loaded now; check it and save again.',
              );
            }
            throw err;
          }
        }}
        onSuccess={(result) => {
          const p = result;
          void qc.invalidateQueries({ queryKey: keys.products });
          void qc.invalidateQueries({ queryKey: keys.me });
          if (p.key !== product.key) navigate(`/p/${p.key}/settings`, { replace: true });
        }}
      >
        <div className="form-row">
          <TextField name="name" label="Name" defaultValue={product.name} required />
          <TextField
            name="key"
            label="Key"
            defaultValue={product.key}
            className="input mono"
            style={{ textTransform: 'uppercase' }}
            required
          />
        </div>
        <TextField name="description" label="Description" defaultValue={product.description} />
      </Form>
    </section>
  );
}
