import { ProductParams } from '#contracts/common.ts';
import { ItemParams } from '#contracts/items.ts';
import {
  Answer,
  AnswerBody,
  FeedbackForm,
  FeedbackTokenItemParams,
  FeedbackTokenParams,
  FeedbackTrend,
  IncrementBody,
  Invitations,
  InviteBody,
  ItemFeedback,
  OpenReviewBody,
  Review,
  ReviewItemParams,
  ReviewList,
  ReviewParams,
  ReviewResults,
  ReviewSummary,
} from '#contracts/reviews.ts';
import { SprintParams } from '#contracts/sprints.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute, ifMatchVersion, keyedBy } from '#http/route.ts';
import { openSse } from '#http/sse.ts';
import { onItem } from './items.routes.ts';
import { onSprint } from './sprints.routes.ts';

/** Routes keyed by a review with customers: the review's product decides who may call them. */
export const onReview = keyedBy('reviewId', (services, id) => services.reviews.productOf(id));

const PO_RUNS = 'The Product Owner runs the review with customers.';
const po = allow.product(ROLES.owner, { of: onReview, denied: PO_RUNS });
const readers = allow.product(ROLES.readers, {
  of: onReview,
  denied: 'Results are for the Product Owner and the team; your own answers are on your review page.',
});
const answerers = allow.product(ROLES.customers, {
  of: onReview,
  denied: 'Stakeholders answer reviews; the team reads the results.',
});

export const reviewsRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/sprints/:sprintId/review',
    tag: 'reviews',
    summary: 'Open the review with customers of a sprint: its accepted items are the increments',
    access: allow.product(ROLES.owner, { of: onSprint, denied: PO_RUNS }),
    params: SprintParams,
    body: OpenReviewBody,
    response: Review,
    status: 201,
    // A retried open gets the review it opened, not "this sprint already has a review".
    idempotent: true,
    handler: (ctx) => ctx.services.reviews.open(ctx.product, ctx.params.sprintId, ctx.body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/reviews',
    tag: 'reviews',
    summary: 'The reviews with customers of a product, newest first',
    access: allow.product(ROLES.readers),
    params: ProductParams,
    response: ReviewList,
    handler: async (ctx) => ({ reviews: await ctx.services.reviews.list(ctx.product) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/reviews/:reviewId',
    tag: 'reviews',
    summary: 'A review with customers: its increments, state, invited and answered counts',
    access: readers,
    params: ReviewParams,
    response: Review,
    handler: (ctx) => ctx.services.reviews.get(ctx.product, ctx.params.reviewId),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/reviews/:reviewId/increments/:itemId',
    tag: 'reviews',
    summary: 'Edit an increment’s “what changed for you” line (If-Match: the review’s version)',
    access: po,
    params: ReviewItemParams,
    body: IncrementBody,
    headers: { 'If-Match': 'The review version you edited' },
    response: Review,
    handler: (ctx) =>
      ctx.services.reviews.editIncrement(
        ctx.product,
        ctx.params.reviewId,
        ctx.params.itemId,
        ifMatchVersion(ctx.req),
        ctx.body.whatChanged,
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/reviews/:reviewId/invitations',
    tag: 'reviews',
    summary: 'One personal, expiring link per stakeholder (by person or segment); re-inviting replaces it',
    access: allow.product(ROLES.ownerOrFacilitator, {
      of: onReview,
      denied: 'The Product Owner or the facilitator invites customers.',
    }),
    params: ReviewParams,
    body: InviteBody,
    response: Invitations,
    // A retried invite must answer the links it made: a second run would replace them, and the
    // links of the first answer (maybe already sent) would be dead. The replayed answer holds the
    // links, which die with the review or their expiry like any other.
    idempotent: true,
    handler: (ctx) => {
      const origin = ctx.req.server.publicOrigin ?? `${ctx.req.protocol}://${ctx.req.headers.host}`;
      return ctx.services.reviews.invite(ctx.product, ctx.params.reviewId, ctx.body, origin);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/reviews/:reviewId/results',
    tag: 'reviews',
    summary: 'Live results per increment and per segment, with comments (no names)',
    access: readers,
    params: ReviewParams,
    response: ReviewResults,
    handler: (ctx) => ctx.services.reviews.results(ctx.product, ctx.params.reviewId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/reviews/:reviewId/results/stream',
    tag: 'reviews',
    summary: 'Live results (text/event-stream; event `results`), at most one push per 250 ms',
    access: readers,
    params: ReviewParams,
    raw: true,
    async handler(ctx) {
      await ctx.services.reviews.get(ctx.product, ctx.params.reviewId);
      const sse = openSse(ctx.reply, { retryMs: 2000 });
      let seq = 0;
      sse.onClose(
        ctx.services.reviews.subscribe(ctx.params.reviewId, (results) => {
          seq += 1;
          sse.send('results', results, seq);
        }),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/reviews/:reviewId/summary',
    tag: 'reviews',
    summary: 'The summary for the team: increments with sad faces first, with their comments',
    access: readers,
    params: ReviewParams,
    response: ReviewSummary,
    handler: (ctx) => ctx.services.reviews.summary(ctx.product, ctx.params.reviewId),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/reviews/:reviewId/close',
    tag: 'reviews',
    summary: 'Close the review: answers are refused from now on',
    access: po,
    params: ReviewParams,
    response: Review,
    handler: (ctx) => ctx.services.reviews.close(ctx.product, ctx.params.reviewId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/reviews/:reviewId/feedback/me',
    tag: 'reviews',
    summary: 'Your cards for this review, with your answers so far (stakeholders)',
    access: answerers,
    params: ReviewParams,
    response: FeedbackForm,
    handler: (ctx) => ctx.services.reviews.myForm(ctx.product, ctx.params.reviewId),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/reviews/:reviewId/feedback/:itemId',
    tag: 'reviews',
    summary: 'Answer one increment as a signed-in stakeholder; changing it replaces it',
    access: answerers,
    params: ReviewItemParams,
    body: AnswerBody,
    response: Answer,
    handler: (ctx) =>
      ctx.services.reviews.answerAsMember(ctx.product, ctx.params.reviewId, ctx.params.itemId, ctx.body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/feedback/:token',
    tag: 'reviews',
    summary: 'The respondent’s page by personal link (no sign-in): one card per increment',
    access: allow.public,
    params: FeedbackTokenParams,
    response: FeedbackForm,
    handler: (ctx) => ctx.services.reviews.formByToken(ctx.params.token),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/feedback/:token/increments/:itemId',
    tag: 'reviews',
    summary: 'Answer one increment by personal link; saved as you go, counted once',
    access: allow.public,
    params: FeedbackTokenItemParams,
    body: AnswerBody,
    response: Answer,
    handler: (ctx) => ctx.services.reviews.answerByToken(ctx.params.token, ctx.params.itemId, ctx.body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/items/:itemId/feedback',
    tag: 'reviews',
    summary: 'What customers said about an item, review by review',
    access: allow.product(ROLES.readers, { of: onItem }),
    params: ItemParams,
    response: ItemFeedback,
    handler: (ctx) => ctx.services.reviews.itemFeedback(ctx.product, ctx.params.itemId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/feedback-trend',
    tag: 'reviews',
    summary: 'Feedback per sprint and segment: mood shares and average rating',
    access: allow.product(ROLES.readers),
    params: ProductParams,
    response: FeedbackTrend,
    handler: (ctx) => ctx.services.reviews.trend(ctx.product),
  }),
];
