import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Product } from '#contracts/products.ts';
import { Form, TextField } from '#web/components/form.tsx';
import { PageHead } from '#web/components/ui.tsx';
import { api, apiPath, newIdempotencyKey } from '#web/lib/api.ts';
import { keys } from '#web/lib/queries.ts';

/** A key suggestion from the name: "VIP Meetings" → "VIPM", "League Platform" → "LP". */
export function suggestKey(name: string): string {
  const words = name
    .toUpperCase()
    .replace(/[^A-Z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return '';
  const key =
    words.length === 1
      ? words[0]!.slice(0, 4)
      : words
          .map((w) => w[0])
          .join('')
          .slice(0, 6);
  return /^[A-Z]/.test(key) && key.length >= 2 ? key : '';
}

export function CreateProductPage() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  // One key per visit: a retried submit (double click, flaky network) cannot create two products.
  const idem = useRef(newIdempotencyKey());
  const keyInput = useRef<HTMLInputElement | null>(null);
  const keyTouched = useRef(false);
  return (
    <div className="page" style={{ maxWidth: 560 }}>
      <PageHead title="Create a product" subtitle="You become its Product Owner and can add people next." />
      <Form
        aria-label="Create a product"
        submitLabel="Create product"
        busyLabel="Creating…"
        onSubmit={(v) =>
          api.post(
            apiPath('products'),
            { name: v.name, key: v.key, description: v.description ?? '' },
            Product,
            { idempotencyKey: idem.current },
          )
        }
        onSuccess={(result) => {
          const p = result;
          void qc.invalidateQueries({ queryKey: keys.products });
          void qc.invalidateQueries({ queryKey: keys.me });
          navigate(`/p/${p.key}/settings`);
        }}
        actions={
          <Link className="btn" to="/">
            Cancel
          </Link>
        }
      >
        <TextField
          name="name"
          label="Name"
          placeholder="VIP Meetings"
          autoFocus
          required
          onChange={(e) => {
            if (keyInput.current && !keyTouched.current) keyInput.current.value = suggestKey(e.target.value);
          }}
        />
        <TextField
          name="key"
          label="Key"
          placeholder="VIP"
          ref={keyInput}
          required
          className="input mono"
          style={{ textTransform: 'uppercase', maxWidth: 180 }}
          onChange={() => {
            keyTouched.current = true;
          }}
          hint="2–10 capital letters or digits. Items get ids like VIP-42."
        />
        <TextField
          name="description"
          label="Description"
          placeholder="What this product is for"
          hint="Optional."
        />
      </Form>
    </div>
  );
}
