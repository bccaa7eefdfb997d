import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Ok } from '#contracts/common.ts';
import { type Job, JobList } from '#contracts/reactions.ts';
import { NotFoundPage } from '#web/app/not-found-page.tsx';
import { EmptyState, ErrorState, Loading, PageHead } from '#web/components/ui.tsx';
import { timeAgo } from '#web/features/activity/describe-event.ts';
import { api, apiPath } from '#web/lib/api.ts';
import { useMe } from '#web/lib/queries.ts';
import { FailedTable, FailureReason } from './failed-table.tsx';
import { reactionLabel } from './reaction-labels.ts';

const failedJobsKey = ['admin', 'jobs', 'failed'] as const;

/**
 * Reactions that ran out of attempts (the dead letters): what failed, why, and a Retry that gives
 * the job a fresh set of attempts.
 */
export function JobsPage() {
  const me = useMe().data;
  const isAdmin = me?.user.workspaceRole === 'admin';
  const qc = useQueryClient();
  const jobs = useQuery({
    queryKey: failedJobsKey,
    queryFn: ({ signal }) => api.get(`${apiPath('admin', 'jobs')}?state=failed`, JobList, { signal }),
    enabled: isAdmin,
    refetchInterval: 15_000,
  });
  const [busy, setBusy] = useState<string | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  if (!isAdmin) return <NotFoundPage />;

  async function retry(job: Job) {
    setBusy(job.id);
    setRowError(null);
    try {
      await api.post(apiPath('admin', 'jobs', job.id, 'retry'), {}, Ok);
    } catch (err) {
      setRowError(err instanceof Error ? err.message : 'Not retried.');
    }
    setBusy(null);
    await qc.invalidateQueries({ queryKey: failedJobsKey });
  }

  const now = new Date();
  return (
    <div className="page">
      <PageHead
        title="Failed reactions"
        subtitle="Work Tandem does after a change (such as telling people they were mentioned) that kept failing. Retry once the cause is fixed."
      />
      {jobs.isPending && <Loading />}
      {jobs.isError && <ErrorState error={jobs.error} />}
      {rowError && (
        <div className="alert alert-error" role="alert">
          {rowError}
        </div>
      )}
      {jobs.data && jobs.data.jobs.length === 0 && (
        <EmptyState title="Nothing has failed">
          Every reaction ran. Failed ones appear here with their error, after Tandem retried them a few times.
        </EmptyState>
      )}
      {jobs.data && jobs.data.jobs.length > 0 && (
        <FailedTable
          label="Failed reactions"
          columns={[
            { head: 'Reaction' },
            { head: 'Error' },
            { head: 'Tries', className: 'hide-phone' },
            { head: 'Last try', className: 'hide-phone' },
          ]}
          rows={jobs.data.jobs}
          rowKey={(j) => j.id}
          cells={(j) => (
            <>
              <td>{reactionLabel(j.subscriber, j.eventType)}</td>
              <td>
                <FailureReason>{firstLine(j.lastError)}</FailureReason>
              </td>
              <td className="hide-phone">{j.attempts}</td>
              <td className="hide-phone">
                <time dateTime={j.updatedAt}>{timeAgo(j.updatedAt, now)}</time>
              </td>
            </>
          )}
          again={{
            text: 'Retry',
            busyText: 'Retrying…',
            label: (j) => `Retry: ${reactionLabel(j.subscriber, j.eventType)}`,
            busy: (j) => busy === j.id,
            run: retry,
          }}
        />
      )}
    </div>
  );
}

/** The error's message, not its stack. */
const firstLine = (error: string | null): string => (error ?? 'No error recorded').split('\n')[0]!;
