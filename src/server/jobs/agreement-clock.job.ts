import { agreementUseCases } from '#app/agreements/agreements.ts';
import { defineClock } from '#jobs/clock.ts';

/**
 * Which version is in force is computed from its date on every read; this only records the
 * `agreement.effective` event (once per version), whose reaction asks everyone to acknowledge.
 */
export const agreementClock = defineClock({
  name: 'agreement-clock',
  pattern: '* * * * *',
  run: (store) => agreementUseCases(store, () => new Date()).recordDue(),
});
