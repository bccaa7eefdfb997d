import { noticeAgreement } from '#app/agreements/notices.ts';
import { defineSubscriber } from '#jobs/subscriber.ts';

/** A proposal with a comment period asks the members named for their comments. */
export const agreementCommentNotices = defineSubscriber({
  name: 'agreement-comment-notices',
  eventTypes: ['agreement.proposed'],
  async handle(event, ctx) {
    await noticeAgreement(ctx.repos, event, ctx.mail);
  },
});

/** A version taking effect asks each member named to acknowledge it (a new version asks again). */
export const agreementAckNotices = defineSubscriber({
  name: 'agreement-ack-notices',
  eventTypes: ['agreement.effective'],
  async handle(event, ctx) {
    await noticeAgreement(ctx.repos, event, ctx.mail);
  },
});

export const agreementJobs = [agreementCommentNotices, agreementAckNotices];
