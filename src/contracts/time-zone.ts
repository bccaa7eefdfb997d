import { isTimeZone } from '#domain/time-zone.ts';
import { text } from './common.ts';

/** An IANA time zone name (e.g. `Europe/Berlin`); an unknown one is a 400 naming the field. */
export const TimeZoneName = text({ max: 64 }).refine(isTimeZone, {
  message: 'Not an IANA time zone (e.g. Europe/Berlin)',
});
