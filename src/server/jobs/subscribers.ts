import { mentionNotices } from '#jobs/mention-notices.job.ts';
import type { AnySubscriber } from '#jobs/subscriber.ts';

/** Every reaction Tandem runs. A new one is a `<name>.job.ts` file and a line here. */
export const subscribers: readonly AnySubscriber[] = [mentionNotices];
