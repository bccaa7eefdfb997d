import { IANAZone } from 'luxon';

/** An IANA time zone name the runtime knows (luxon asks Intl), e.g. `Europe/Berlin`. */
export const isTimeZone = (zone: string): boolean => IANAZone.isValidZone(zone);
