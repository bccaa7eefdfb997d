import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { Product } from '#contracts/products.ts';
import {
  CreatedWebhook,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookList,
} from '#contracts/webhooks.ts';
import { CopyButton } from '#web/components/copy-button.tsx';
import { Form, TextField, useFieldError } from '#web/components/form.tsx';
import { ListSection, ListTable, QueryList, RowError, useRowAction } from '#web/components/list.tsx';
import { EmptyState } from '#web/components/ui.tsx';
import { api, apiPath, newIdempotencyKey } from '#web/lib/api.ts';
import './webhooks.css';

const listKey = (productId: string) => ['products', productId, 'webhooks'] as const;
const logKey = (webhookId: string) => ['webhooks', webhookId, 'deliveries'] as const;

/** Event types grouped by what they are about: "item.created" → Items. */
function groupTypes(types: readonly string[]): Array<[string, string[]]> {
  const groups = new Map<string, string[]>();
  for (const t of types) {
    const head = t.split('.')[0] ?? t;
    groups.set(head, [...(groups.get(head) ?? []), t]);
  }
  return [...groups];
}
const GROUP_NAMES: Record<string, string> = {
  item: 'Items',
  sprint: 'Sprints',
  release: 'Releases',
  request: 'Requests',
  review: 'Reviews',
  product: 'Product',
  member: 'Members',
};

/**
 * Webhooks (issue 12): endpoints that receive this product's events, signed per Standard
 * Webhooks. The signing secret is shown once, right after adding; each endpoint has its delivery
 * log, a test event, re-send, and its on/off state (turned off by Tandem after a day of failures).
 */
export function WebhooksSection({ product }: { product: Product }) {
  const qc = useQueryClient();
  const hooks = useQuery({
    queryKey: listKey(product.id),
    queryFn: ({ signal }) => api.get(apiPath('products', product.id, 'webhooks'), WebhookList, { signal }),
  });
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const idem = useRef(newIdempotencyKey());
  const refresh = () => qc.invalidateQueries({ queryKey: listKey(product.id) });
  const { error, run } = useRowAction(refresh);
  const eventTypes = hooks.data?.eventTypes ?? [];

  return (
    <ListSection
      id="webhooks-h"
      title="Webhooks"
      intro="Send this product's events to another system. Each request is signed (Standard Webhooks), so the receiver can check it came from Tandem."
    >
      <RowError error={error} />
      {created && (
        <div className="alert alert-success wh-secret" role="status">
          <strong>Copy the signing secret now: it is not shown again.</strong>
          <div className="wh-secret-row">
            <code className="mono" data-testid="webhook-secret">
              {created.secret}
            </code>
            <CopyButton text={created.secret} label="Copy secret" />
          </div>
          <small>
            Verify each request with it, e.g.{' '}
            <span className="mono">new Webhook(secret).verify(body, headers)</span> from the{' '}
            <span className="mono">standardwebhooks</span> package.
          </small>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setCreated(null)}>
            I have saved it
          </button>
        </div>
      )}
      <QueryList
        query={{ ...hooks, data: hooks.data?.webhooks }}
        empty={
          <EmptyState title="No webhooks yet">
            Add the URL of a system that should hear about new items, sprints or releases.
          </EmptyState>
        }
      >
        {(rows) => (
          <ul className="wh-list" aria-label="Webhook endpoints">
            {rows.map((w) => (
              <li key={w.id} className="card wh-card">
                <div className="wh-head">
                  <span className="mono wh-url">{w.url}</span>
                  <StateBadge webhook={w} />
                </div>
                {w.description && <small className="muted">{w.description}</small>}
                <small className="muted">
                  {w.events.length} {w.events.length === 1 ? 'event' : 'events'}: {w.events.join(', ')}
                </small>
                {w.disabledReason && <small className="wh-reason">{w.disabledReason}</small>}
                <div className="wh-actions">
                  <button
                    type="button"
                    className="btn btn-sm"
                    onClick={() =>
                      void run(async () => {
                        await api.post(apiPath('webhooks', w.id, 'test'), {}, WebhookDelivery);
                        setOpen(w.id);
                        await qc.invalidateQueries({ queryKey: logKey(w.id) });
                      })
                    }
                  >
                    Send test event
                  </button>
                  <button
                    type="button"
                    className="btn btn-sm"
                    aria-expanded={open === w.id}
                    onClick={() => setOpen(open === w.id ? null : w.id)}
                  >
                    {open === w.id ? 'Hide deliveries' : 'Deliveries'}
                  </button>
                  <button
                    type="button"
                    className="btn btn-sm"
                    onClick={() =>
                      void run(() =>
                        api.patch(apiPath('webhooks', w.id), { enabled: !w.enabled }, Webhook, {
                          ifMatch: w.version,
                        }),
                      )
                    }
                  >
                    {w.enabled ? 'Turn off' : 'Turn on'}
                  </button>
                  <button
                    type="button"
                    className="btn btn-sm btn-ghost btn-danger"
                    aria-label={`Delete the webhook to ${w.url}`}
                    onClick={() => {
                      if (!window.confirm(`Delete the webhook to ${w.url} and its delivery log?`)) return;
                      void run(() => api.delete(apiPath('webhooks', w.id)));
                    }}
                  >
                    Delete
                  </button>
                </div>
                {open === w.id && <DeliveryLog webhookId={w.id} />}
              </li>
            ))}
          </ul>
        )}
      </QueryList>
      <h3 className="wh-add-h">Add an endpoint</h3>
      <Form
        aria-label="Add a webhook"
        submitLabel="Add webhook"
        busyLabel="Adding…"
        reset
        validate={(v) => (v.url?.trim() ? null : { url: 'Enter the URL that receives the webhooks' })}
        onSubmit={async (v, form) => {
          const events = new FormData(form).getAll('events').map(String);
          const result = await api.post(
            apiPath('products', product.id, 'webhooks'),
            { url: v.url, description: v.description ?? '', events },
            CreatedWebhook,
            { idempotencyKey: idem.current },
          );
          idem.current = newIdempotencyKey();
          return result;
        }}
        onSuccess={(result) => {
          setCreated(result);
          void refresh();
        }}
      >
        <div className="form-row">
          <TextField name="url" label="Endpoint URL" placeholder="https://example.com/hooks/tandem" />
          <TextField name="description" label="Description" placeholder="Optional, e.g. Slack bridge" />
        </div>
        <EventsPicker types={eventTypes} />
      </Form>
    </ListSection>
  );
}

function StateBadge({ webhook: w }: { webhook: Webhook }) {
  if (!w.enabled) return <span className="badge badge-danger">Off</span>;
  if (w.failingSince)
    return (
      <span
        className="badge badge-danger"
        title={`Failing since ${new Date(w.failingSince).toLocaleString()}`}
      >
        Failing
      </span>
    );
  return <span className="badge badge-accent">On</span>;
}

function EventsPicker({ types }: { types: readonly string[] }) {
  const error = useFieldError('events');
  return (
    <fieldset className="wh-events" aria-describedby={error ? 'wh-events-error' : undefined}>
      <legend>Events to send</legend>
      {error && (
        <div className="field-error" id="wh-events-error" role="alert" style={{ gridColumn: '1 / -1' }}>
          {error}
        </div>
      )}
      {groupTypes(types).map(([group, list]) => (
        <div key={group} className="wh-group">
          <span className="wh-group-name">{GROUP_NAMES[group] ?? group}</span>
          {list.map((t) => (
            <label key={t} className="wh-check">
              <input type="checkbox" name="events" value={t} defaultChecked={t === 'item.created'} />
              <span className="mono">{t}</span>
            </label>
          ))}
        </div>
      ))}
    </fieldset>
  );
}

function DeliveryLog({ webhookId }: { webhookId: string }) {
  const qc = useQueryClient();
  const log = useQuery({
    queryKey: logKey(webhookId),
    queryFn: ({ signal }) =>
      api.get(apiPath('webhooks', webhookId, 'deliveries'), WebhookDeliveryList, { signal }),
    // Pending deliveries change by themselves: look again while any is pending.
    refetchInterval: (q) => (q.state.data?.deliveries.some((d) => d.status === 'pending') ? 1500 : false),
  });
  const { error, run } = useRowAction(() => qc.invalidateQueries({ queryKey: logKey(webhookId) }));
  return (
    <div className="wh-log">
      <h3 id={`wh-log-${webhookId}`}>Deliveries</h3>
      <RowError error={error} />
      <QueryList
        query={{ ...log, data: log.data?.deliveries }}
        empty={<EmptyState title="Nothing sent yet">Send a test event to check the endpoint.</EmptyState>}
      >
        {(rows) => (
          <ListTable
            labelledBy={`wh-log-${webhookId}`}
            columns={[
              { head: 'When' },
              { head: 'Event' },
              { head: 'Status' },
              { head: 'Attempts' },
              { head: 'Response' },
              { head: 'Latency' },
              { head: 'Actions', className: 'actions', hidden: true },
            ]}
            rows={rows}
            rowKey={(d) => d.id}
            row={(d) => (
              <>
                <td>{new Date(d.createdAt).toLocaleString()}</td>
                <td className="mono">{d.eventType}</td>
                <td>
                  <span
                    className={
                      d.status === 'failed'
                        ? 'badge badge-danger'
                        : d.status === 'sent'
                          ? 'badge badge-accent'
                          : 'badge'
                    }
                  >
                    {d.status === 'sent' ? 'Sent' : d.status === 'failed' ? 'Failed' : 'Pending'}
                  </span>
                  {d.lastError && <small className="wh-reason">{d.lastError}</small>}
                </td>
                <td>{d.attempts}</td>
                <td>{d.responseCode ?? '—'}</td>
                <td>{d.latencyMs === null ? '—' : `${d.latencyMs} ms`}</td>
                <td className="actions">
                  {d.status !== 'pending' && (
                    <button
                      type="button"
                      className="btn btn-sm"
                      aria-label={`Re-send the ${d.eventType} delivery`}
                      onClick={() =>
                        void run(() =>
                          api.post(
                            apiPath('webhooks', webhookId, 'deliveries', d.id, 'resend'),
                            {},
                            WebhookDelivery,
                          ),
                        )
                      }
                    >
                      Re-send
                    </button>
                  )}
                </td>
              </>
            )}
          />
        )}
      </QueryList>
    </div>
  );
}
