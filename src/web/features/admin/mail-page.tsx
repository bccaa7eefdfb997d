import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Ok } from '#contracts/common.ts';
import { type Delivery, DeliveryList, MailStatus, SentTestMail } from '#contracts/mail.ts';
import { NotFoundPage } from '#web/app/not-found-page.tsx';
import { EmptyState, ErrorState, Loading, PageHead } from '#web/components/ui.tsx';
import { timeAgo } from '#web/features/activity/describe-event.ts';
import { api, apiPath } from '#web/lib/api.ts';
import { useMe } from '#web/lib/queries.ts';
import { FailedTable, FailureReason } from './failed-table.tsx';

const statusKey = ['admin', 'mail'] as const;
const failedKey = ['admin', 'deliveries', 'failed'] as const;

/** Mail: is it on, where it goes, the queue, a test mail to yourself, and failures to re-send. */
export function MailPage() {
  const me = useMe().data;
  const isAdmin = me?.user.workspaceRole === 'admin';
  const qc = useQueryClient();
  const status = useQuery({
    queryKey: statusKey,
    queryFn: ({ signal }) => api.get(apiPath('admin', 'mail'), MailStatus, { signal }),
    enabled: isAdmin,
    refetchInterval: 10_000,
  });
  const failed = useQuery({
    queryKey: failedKey,
    queryFn: ({ signal }) =>
      api.get(`${apiPath('admin', 'deliveries')}?status=failed`, DeliveryList, { signal }),
    enabled: isAdmin,
    refetchInterval: 15_000,
  });
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (!isAdmin) return <NotFoundPage />;

  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: statusKey }),
      qc.invalidateQueries({ queryKey: failedKey }),
    ]);
  async function testMail() {
    setBusy('test');
    try {
      const r = await api.post(apiPath('admin', 'mail', 'test'), {}, SentTestMail);
      setNote({ ok: true, text: `A test mail is on its way to ${r.to}.` });
    } catch (err) {
      setNote({ ok: false, text: err instanceof Error ? err.message : 'Not sent.' });
    }
    setBusy(null);
    await refresh();
  }
  async function resend(d: Delivery) {
    setBusy(d.id);
    try {
      await api.post(apiPath('admin', 'deliveries', d.id, 'resend'), {}, Ok);
      setNote({ ok: true, text: `“${d.subject}” is queued again for ${d.recipient}.` });
    } catch (err) {
      setNote({ ok: false, text: err instanceof Error ? err.message : 'Not re-sent.' });
    }
    setBusy(null);
    await refresh();
  }

  const s = status.data;
  const now = new Date();
  return (
    <div className="page">
      <PageHead
        title="Mail"
        subtitle="Notifications Tandem mails: review invitations, “it shipped”, mentions, assignments and sprints. Each is sent once, retried when the mail server says “later”."
        actions={
          s?.enabled ? (
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy === 'test'}
              onClick={() => void testMail()}
            >
              {busy === 'test' ? 'Sending…' : 'Send me a test mail'}
            </button>
          ) : undefined
        }
      />
      {status.isPending && <Loading />}
      {status.isError && <ErrorState error={status.error} />}
      {note && (
        <div
          className={`alert ${note.ok ? 'alert-success' : 'alert-error'}`}
          role={note.ok ? 'status' : 'alert'}
        >
          {note.text}
        </div>
      )}
      {s && !s.enabled && (
        <div className="alert alert-error" role="status">
          Mail is off: nothing is mailed. Set <code>TANDEM_SMTP_URL</code> (e.g.
          smtp://user:password@mail.example.com:587) and <code>TANDEM_MAIL_FROM</code> (e.g. Tandem
          &lt;tandem@example.com&gt;) and restart Tandem.
        </div>
      )}
      {s?.enabled && (
        <div className="card" style={{ padding: 16, marginBottom: 16 }}>
          <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '6px 16px', margin: 0 }}>
            <dt className="muted">Mail server</dt>
            <dd style={{ margin: 0 }}>
              <code>{s.server}</code>
            </dd>
            <dt className="muted">Sent as</dt>
            <dd style={{ margin: 0 }}>{s.from}</dd>
            <dt className="muted">Queue</dt>
            <dd style={{ margin: 0 }}>
              {s.queue.pending} waiting · {s.queue.held} held for digests · {s.queue.sent} sent ·{' '}
              {s.queue.failed} failed
            </dd>
          </dl>
        </div>
      )}
      <h2>Failed mails</h2>
      {failed.isError && <ErrorState error={failed.error} />}
      {failed.data && failed.data.deliveries.length === 0 && (
        <EmptyState title="No mail has failed">
          Mails the server refused for good (5xx), or that still failed after 8 tries, appear here with the
          reason.
        </EmptyState>
      )}
      {failed.data && failed.data.deliveries.length > 0 && (
        <FailedTable
          label="Failed mails"
          columns={[
            { head: 'Mail' },
            { head: 'To' },
            { head: 'Reason' },
            { head: 'Last try', className: 'hide-phone' },
          ]}
          rows={failed.data.deliveries}
          rowKey={(d) => d.id}
          cells={(d) => (
            <>
              <td>{d.subject}</td>
              <td>{d.recipient}</td>
              <td>
                <FailureReason>{d.lastError}</FailureReason>
              </td>
              <td className="hide-phone">
                <time dateTime={d.createdAt}>{timeAgo(d.createdAt, now)}</time> · {d.attempts}×
              </td>
            </>
          )}
          again={{
            text: 'Send again',
            busyText: 'Queuing…',
            label: (d) => `Send again: ${d.subject} to ${d.recipient}`,
            busy: (d) => busy === d.id,
            run: resend,
          }}
        />
      )}
    </div>
  );
}
