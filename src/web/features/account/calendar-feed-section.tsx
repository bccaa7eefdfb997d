import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CalendarFeedLink, CalendarFeedStatus } from '#contracts/integrations.ts';
import { CopyButton } from '#web/components/copy-button.tsx';
import { ListSection, RowError, useRowAction } from '#web/components/list.tsx';
import { api, apiPath } from '#web/lib/api.ts';

const FEED_KEY = ['me', 'calendar-feed'] as const;

/**
 * "Subscribe in your calendar": one secret link per person (sprints, reviews and vote deadlines of
 * their products). The link is shown once, when made; making a new one turns the old one off.
 */
export function CalendarFeedSection() {
  const qc = useQueryClient();
  const status = useQuery({
    queryKey: FEED_KEY,
    queryFn: () => api.get(apiPath('me', 'calendar-feed'), CalendarFeedStatus),
  });
  const [url, setUrl] = useState<string | null>(null);
  const act = useRowAction(() => qc.invalidateQueries({ queryKey: FEED_KEY }));
  const active = status.data?.active ?? false;
  const make = () =>
    act.run(async () => {
      setUrl((await api.post(apiPath('me', 'calendar-feed'), {}, CalendarFeedLink)).url);
    });
  const turnOff = () => {
    if (!window.confirm('Turn off your calendar link? Calendars subscribed to it stop updating.')) return;
    setUrl(null);
    void act.run(() => api.delete(apiPath('me', 'calendar-feed')));
  };
  return (
    <ListSection
      id="calendar-h"
      title="Subscribe in your calendar"
      intro={
        <>
          Sprint starts and ends, reviews with customers and vote deadlines of your products, in Google
          Calendar, Outlook or Apple Calendar (add a calendar “from URL” / “subscribe”). The link is personal
          and works without signing in: keep it to yourself.
        </>
      }
    >
      {url && (
        <div className="alert alert-success" role="status">
          <p>
            <strong>Copy your calendar link now.</strong> It will not be shown again; make a new one if you
            lose it.
          </p>
          <div className="form-row" style={{ marginTop: 8 }}>
            <code className="grow" style={{ wordBreak: 'break-all', whiteSpace: 'normal' }}>
              {url}
            </code>
            <CopyButton text={url} />
          </div>
        </div>
      )}
      {!url && active && status.data?.createdAt && (
        <p className="muted">
          Your link was made on {new Date(status.data.createdAt).toLocaleDateString()}
          {status.data.lastReadAt
            ? `; a calendar last read it ${new Date(status.data.lastReadAt).toLocaleString()}.`
            : '; no calendar has read it yet.'}
        </p>
      )}
      <RowError error={act.error} />
      <div className="form-row">
        <button type="button" className="btn btn-primary" onClick={() => void make()}>
          {active ? 'Make a new link' : 'Make my calendar link'}
        </button>
        {active && (
          <button type="button" className="btn btn-ghost btn-danger" onClick={turnOff}>
            Turn off the link
          </button>
        )}
      </div>
      {active && !url && (
        <p className="muted" style={{ fontSize: 'var(--text-sm)' }}>
          A new link turns the old one off.
        </p>
      )}
    </ListSection>
  );
}
