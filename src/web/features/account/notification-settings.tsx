import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { type DeliveryMode, NotificationSettings } from '#contracts/mail.ts';
import { ErrorState, Loading } from '#web/components/ui.tsx';
import { api, apiPath } from '#web/lib/api.ts';

const settingsKey = ['me', 'notification-settings'] as const;
type Mode = z.infer<typeof DeliveryMode>;
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

  async function choose(kind: string, mode: Mode) {
    setSaving(kind);
    setError(null);
    try {
      const next = await api.put(
        apiPath('me', 'notification-settings'),
        { settings: [{ kind, mode }] },
        NotificationSettings,
      );
      qc.setQueryData(settingsKey, next);
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
              ? 'Choose per kind: a mail at once, one digest a day (sent after midnight UTC), or only the bell in Tandem. Every mail also has a link to stop that kind.'
              : 'This Tandem sends no mail yet (the administrator has not connected a mail server). Your choices apply once it does.'}
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
