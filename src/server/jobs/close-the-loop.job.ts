import { closeTheLoop, tellRequester } from '#app/notifications/close-the-loop.ts';
import { defineSubscriber } from '#jobs/subscriber.ts';

/**
 * An item accepted (item.updated to `accepted`): everyone who asked for it, voted for it or was
 * unhappy with it hears "What you asked for shipped", once per person, and its open requests
 * become shipped.
 */
export const acceptedNotices = defineSubscriber({
  name: 'accepted-notices',
  eventTypes: ['item.updated'],
  async handle(event, ctx) {
    await closeTheLoop(ctx.repos, event, ctx.mail);
  },
});

/** A release shipped: the same for each of its items (no one hears twice about one item). */
export const releaseShippedNotices = defineSubscriber({
  name: 'release-shipped-notices',
  eventTypes: ['release.shipped'],
  async handle(event, ctx) {
    await closeTheLoop(ctx.repos, event, ctx.mail);
  },
});

/** The requester hears their request was planned or declined (with the reason). */
export const requestTriagedNotices = defineSubscriber({
  name: 'request-triaged-notices',
  eventTypes: ['request.triaged'],
  async handle(event, ctx) {
    await tellRequester(ctx.repos, event, ctx.mail);
  },
});

/** …and that it shipped (the item's "shipped" notice: one, whichever comes first). */
export const requestShippedNotices = defineSubscriber({
  name: 'request-shipped-notices',
  eventTypes: ['request.shipped'],
  async handle(event, ctx) {
    await tellRequester(ctx.repos, event, ctx.mail);
  },
});

export const closeTheLoopJobs = [
  acceptedNotices,
  releaseShippedNotices,
  requestTriagedNotices,
  requestShippedNotices,
] as const;
