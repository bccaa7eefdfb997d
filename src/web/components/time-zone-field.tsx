import { useId, useMemo } from 'react';
import { isTimeZone } from '#domain/time-zone.ts';
import { TextField } from './form.tsx';

/** The zones this browser knows (IANA names), UTC among them. */
export const TIME_ZONES: readonly string[] = (() => {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
})();

/** The browser's own zone, when Tandem knows it; else UTC. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : 'UTC';
}

/** "UTC+02:00" for a zone at an instant (today's offset: it changes with DST). */
export function utcOffset(zone: string, at = new Date()): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return !part || part === 'GMT' ? 'UTC' : part.replace('GMT', 'UTC');
}

/**
 * A searchable time-zone picker: type part of a name ("berl", "new_y") and choose from the list,
 * each zone with its current offset. The form field is `name`; the server checks the zone too.
 */
export function TimeZoneField(props: { name: string; label: string; defaultValue: string; hint?: string }) {
  const list = useId();
  const options = useMemo(() => {
    const now = new Date();
    return TIME_ZONES.map((z) => ({ z, label: `${z.replaceAll('_', ' ')} (${utcOffset(z, now)})` }));
  }, []);
  return (
    <>
      <TextField
        name={props.name}
        label={props.label}
        defaultValue={props.defaultValue}
        list={list}
        required
        autoComplete="off"
        spellCheck={false}
        {...(props.hint ? { hint: props.hint } : {})}
      />
      <datalist id={list}>
        {options.map((o) => (
          <option key={o.z} value={o.z} label={o.label} />
        ))}
      </datalist>
    </>
  );
}
