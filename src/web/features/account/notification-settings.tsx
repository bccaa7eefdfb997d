import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { type DeliveryMode, NotificationSettings } from '#contracts/mail.ts';
import { Form } from '#web/components/form.tsx';
import { browserTimeZone, TIME_ZONES, TimeZoneField } from '#web/components/time-zone-field.tsx';
import { ErrorState, Loading } from '#web/components/ui.tsx';
import { api, apiPath } from '#web/lib/api.ts';

const settingsKey = ['me', 'notification-settings'] as const;
type Mode = z.infer<typeof DeliveryMode>;
type Settings = z.infer<typeof NotificationSettings>;
const MODE_LABELS: Record<Mode, string> = {
  email: 'Email at once',
  digest: 'Daily digest',
  in_app: 'In Tandem only',
};

/** Per kind of notification: in Tandem only, an email at once, or one daily digest mail. */
export function NotificationSettingsSection() {
  const qc = useQueryClient();
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) =>
      api.get(apiPath('me', 'notification-settings'), NotificationSettings, { signal }),
  });
  const [saving, setSaving] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const put = (body: object) => api.put(apiPath('me', 'notification-settings'), body, NotificationSettings);
  const done = (next: Settings) => {
    qc.setQueryData(settingsKey, next);
    setSaved(true);
  };

  async function choose(kind: string, mode: Mode) {
    setSaving(kind);
    setError(null);
    setSaved(false);
    try {
      // The first save also keeps the browser's zone, so the digest comes after the person's midnight.
      const zone = settings.data?.timeZoneChosen ? {} : { timeZone: browserTimeZone() };
      done(await put({ settings: [{ kind, mode }], ...zone }));
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Not saved.');
    }
    setSaving(null);
  }

  return (
    <section className="section" id="notifications" aria-labelledby="notifications-h">
      <h2 id="notifications-h">Notifications by mail</h2>
      {settings.isPending && <Loading />}
      {settings.isError && <ErrorState error={settings.error} />}
      {settings.data && (
        <>
          <p className="muted">
            {settings.data.mailEnabled
              ? 'Choose per kind: a mail at once, one digest a day (sent just after midnight in your time zone), or only the bell in Tandem. Every mail also has a link to stop that kind.'
              : 'This Tandem sends no mail yet (the administrator has not connected a mail server). Your choices apply once it does.'}
          </p>
          <Form
            key={settings.data.timeZone}
            aria-label="Time zone of your daily digest"
            className="form-row"
            submitLabel="Save time zone"
            busyLabel="Saving…"
            validate={(v) => {
              // A new attempt: the last "Saved." no longer describes what is on screen.
              setSaved(false);
              return TIME_ZONES.length && !TIME_ZONES.includes(v.timeZone ?? '')
                ? { timeZone: 'Choose a time zone from the list (e.g. Europe/Berlin)' }
                : null;
            }}
            onSubmit={(v) => put({ timeZone: v.timeZone })}
            onSuccess={done}
          >
            <TimeZoneField
              name="timeZone"
              label="Your time zone"
              defaultValue={settings.data.timeZoneChosen ? settings.data.timeZone : browserTimeZone()}
              hint={
                settings.data.timeZoneChosen
                  ? 'Your daily digest gathers the notices of your day in this zone.'
                  : 'Taken from your browser; saved with your first change.'
              }
            />
          </Form>
          <p className={saved ? 'alert alert-success' : 'muted'} role="status">
            {saved ? 'Saved. ' : ''}
            <DigestNote data={settings.data} />
          </p>
          {error && (
            <div className="alert alert-error" role="alert">
              {error}
            </div>
          )}
          <table className="list" aria-label="Notifications by mail">
            <tbody>
              {settings.data.settings.map((s) => (
                <tr key={s.kind}>
                  <th scope="row" style={{ fontWeight: 'normal' }}>
                    <label htmlFor={`mail-${s.kind}`}>{s.label}</label>
                  </th>
                  <td style={{ width: 200 }}>
                    <select
                      id={`mail-${s.kind}`}
                      className="select"
                      value={s.mode}
                      disabled={saving === s.kind}
                      onChange={(e) => void choose(s.kind, e.target.value as Mode)}
                    >
                      {(Object.keys(MODE_LABELS) as Mode[]).map((m) => (
                        <option key={m} value={m}>
                          {MODE_LABELS[m]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** When the next digest goes out, in the person's zone — or that none will. */
function DigestNote({ data }: { data: Settings }) {
  if (!data.settings.some((s) => s.mode === 'digest'))
    return <>No kind goes to the daily digest; choose “Daily digest” for a kind to get one.</>;
  const at = new Date(data.nextDigestAt);
  const fmt = (o: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: data.timeZone, ...o }).format(at);
  return (
    <>
      Next digest around <strong>{fmt({ hour: '2-digit', minute: '2-digit' })}</strong> {data.timeZone} (
      {fmt({ weekday: 'short', day: 'numeric', month: 'short' })}), with the notices of the day before — none
      is sent for a quiet day.
    </>
  );
}
