import { noticeMentions } from '#app/reactions/notices.ts';
import { defineSubscriber } from '#jobs/subscriber.ts';

/** Each member @mentioned in an item comment gets one in-app notice (GET /api/v1/me/notices). */
export const mentionNotices = defineSubscriber({
  name: 'mention-notices',
  eventTypes: ['item.commented'],
  async handle(event, ctx) {
    await noticeMentions(ctx.repos, event, ctx.mail);
  },
});
