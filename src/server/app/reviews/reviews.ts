import type { ChangeFeed } from '#app/change-feed.ts';
import { recordEvent } from '#app/events.ts';
import { mailInvitations } from '#app/mail/invitation-mail.ts';
import { MAIL_OFF, type MailSetup } from '#app/mail/ports.ts';
import type { ProductContext } from '#app/products.ts';
import { newSecret, sha256 } from '#app/secrets.ts';
import type { Repos, Store } from '#app/store.ts';
import { TopicCache } from '#app/topic-cache.ts';
import { isUuid } from '#contracts/common.ts';
import type { AnswerBody, FeedbackForm, OpenReviewBody, ReviewResults } from '#contracts/reviews.ts';
import { AppError, invalid, notFound } from '#domain/errors.ts';
import { acceptsAnswers, DEFAULT_LINK_DAYS, linkState, sadFirst } from '#domain/reviews/review-rules.ts';
import { AnswerQueue } from './answer-queue.ts';
import { LinkLookup } from './link-lookup.ts';
import type { AnswerRecord, ReviewRecord } from './ports.ts';
import { REVIEWS_CHANNEL, type ResultsListener, ReviewResultsHub } from './results-hub.ts';
import { reviewTrend } from './trend.ts';
import { itemFeedbackView, resultsView, reviewView } from './view.ts';

const TOKEN_PREFIX = 'fb';
const hashToken = (token: string) => sha256(token).toString('hex');

const closedError = () =>
  new AppError('review_closed', 'This review has closed; it no longer takes answers or changes.');

const answerView = (a: AnswerRecord) => ({
  itemId: a.itemId,
  mood: a.mood,
  rating: a.rating,
  comment: a.comment,
  changes: a.changes,
  answeredAt: a.answeredAt.toISOString(),
});

/**
 * Reviews with customers (issue 10): the PO lists a sprint's accepted increments, sends each
 * stakeholder a personal link, and watches happy / neutral / sad, ratings and comments arrive.
 */
export function reviewsUseCases(
  store: Store,
  now: () => Date,
  changes?: ChangeFeed,
  mail: MailSetup = MAIL_OFF,
) {
  // Results change only with the product (every answer is an event of it; so is a member's move
  // to another segment): cached per product topic, and a burst of identical reads is one query.
  const cache = changes
    ? new TopicCache<ReviewResults>(changes, { maxAgeMs: 5_000, maxEntries: 1_000 })
    : null;
  async function compute(productId: string, id: string): Promise<ReviewResults> {
    const head = await store.read.reviews.head(id);
    if (!head || head.productId !== productId) throw notFound('That review');
    return resultsView(store.read.reviews, head);
  }
  const results = (productId: string, id: string) =>
    cache ? cache.get(productId, `results:${id}`, () => compute(productId, id)) : compute(productId, id);

  // A review never moves to another product: who owns it is remembered (bounded), so the access
  // check of a results read costs no query.
  const owners = new Map<string, string>();
  async function productOf(id: string): Promise<string | null> {
    const known = owners.get(id);
    if (known) return known;
    const p = await store.read.reviews.productOf(id);
    if (p) {
      if (owners.size >= 10_000) owners.clear();
      owners.set(id, p);
    }
    return p;
  }

  const hub = new ReviewResultsHub(async (id) => {
    const productId = await productOf(id);
    return productId ? results(productId, id) : null;
  }, store);

  const links = new LinkLookup(store);

  async function review(r: Repos, ctx: ProductContext, id: string, lock = false): Promise<ReviewRecord> {
    const rv = await r.reviews.get(id, lock);
    if (!rv || rv.productId !== ctx.productId) throw notFound('That review');
    return rv;
  }

  /** A personal link's person and review, or the same 404 for any token that is not a live link. */
  async function link(token: string, itemId?: string) {
    const inv = isToken(token) ? await links.find(hashToken(token), itemId) : null;
    if (!inv) throw new AppError('not_found', 'This link is not valid. Ask the Product Owner for a new one.');
    // Only the real token's holder gets here, so telling them why is no leak.
    const state = linkState(inv, now());
    if (state === 'closed')
      throw new AppError('not_found', 'This review has closed. Thank you for taking part.');
    if (state === 'expired')
      throw new AppError('not_found', 'This link has expired. Ask the Product Owner for a new one.');
    if (state === 'not_stakeholder')
      throw new AppError('not_found', 'This link is not valid. Ask the Product Owner for a new one.');
    return inv;
  }

  async function form(
    reviewId: string,
    userId: string,
    meta: { userName: string; productName: string; sprintName: string; closesAt: Date | null },
    expiresAt: Date | null,
  ): Promise<FeedbackForm> {
    const [rv, answers] = await Promise.all([
      store.read.reviews.get(reviewId),
      store.read.reviews.answersOf(reviewId, userId),
    ]);
    if (!rv) throw notFound('That review');
    return {
      reviewId,
      firstName: meta.userName.trim().split(/\s+/)[0] ?? '',
      productName: meta.productName,
      sprintName: meta.sprintName,
      closesAt: meta.closesAt?.toISOString() ?? null,
      expiresAt: expiresAt?.toISOString() ?? null,
      increments: rv.increments.map((i) => {
        const a = answers.find((x) => x.itemId === i.itemId);
        return { ...i, answer: a ? answerView(a) : null };
      }),
    };
  }

  const answers = new AnswerQueue(store, (changed) => {
    // Public answers carry no product to the HTTP layer, so the change feed is told here.
    for (const productId of new Set(changed.map((c) => c.productId))) changes?.touched(productId);
    for (const c of changed) hub.afterCommit(c.reviewId);
  });

  /** Saves one answer (upsert per person and increment, batched with others) and wakes the live results. */
  async function answer(
    rv: { reviewId: string; productId: string },
    userId: string,
    itemId: string,
    body: AnswerBody,
  ) {
    const saved = await answers.save({
      reviewId: rv.reviewId,
      productId: rv.productId,
      userId,
      itemId,
      mood: body.mood,
      rating: body.rating ?? null,
      comment: body.comment?.trim() ? body.comment.trim() : null,
    });
    return answerView(saved.answer);
  }

  return {
    productOf: async (id: string | undefined) => (isUuid(id) ? productOf(id) : null),
    subscribe: (id: string, fn: ResultsListener) => hub.subscribe(id, fn),

    async open(ctx: ProductContext, sprintId: string, body: OpenReviewBody) {
      const id = await store.transaction(async (r) => {
        const sprint = await r.reviews.sprint(sprintId);
        if (!sprint || sprint.productId !== ctx.productId) throw notFound('That sprint');
        if (sprint.reviewId)
          throw new AppError('conflict', 'This sprint already has a review with customers.', undefined, {
            reviewId: sprint.reviewId,
          });
        let increments: Array<{ itemId: string; whatChanged: string }>;
        if (body.increments) {
          const wanted = [...new Map(body.increments.map((i) => [i.itemId, i])).values()];
          const accepted = new Set(
            await r.reviews.acceptedItems(
              sprintId,
              wanted.map((i) => i.itemId),
            ),
          );
          const bad: Record<string, string> = {};
          body.increments.forEach((i, n) => {
            if (!accepted.has(i.itemId))
              bad[`increments.${n}.itemId`] = 'Not an accepted item of this sprint';
          });
          if (Object.keys(bad).length > 0) throw invalid(bad);
          increments = wanted;
        } else {
          increments = (await r.reviews.acceptedItems(sprintId)).map((itemId) => ({
            itemId,
            whatChanged: '',
          }));
        }
        if (increments.length === 0)
          throw invalid({
            increments: 'This sprint has no accepted items yet: accept some before the review',
          });
        const closesAt = body.closesAt ? new Date(body.closesAt) : null;
        if (closesAt && closesAt.getTime() <= now().getTime())
          throw invalid({ closesAt: 'Must be in the future' });
        const reviewId = await r.reviews.insert(
          { productId: ctx.productId, sprintId, closesAt, openedBy: ctx.actor.userId },
          increments,
        );
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'customer_review',
          entityId: reviewId,
          type: 'review.opened',
          after: {
            sprintId,
            itemIds: increments.map((i) => i.itemId),
            closesAt: closesAt?.toISOString() ?? null,
          },
        });
        return reviewId;
      });
      return reviewView((await store.read.reviews.get(id))!, now());
    },

    get: async (ctx: ProductContext, id: string) => reviewView(await review(store.read, ctx, id), now()),

    list: async (ctx: ProductContext) =>
      (await store.read.reviews.list(ctx.productId)).map((r) => reviewView(r, now())),

    async editIncrement(
      ctx: ProductContext,
      id: string,
      itemId: string,
      version: number,
      whatChanged: string,
    ) {
      await store.transaction(async (r) => {
        const rv = await review(r, ctx, id, true);
        if (rv.state === 'closed') throw closedError();
        if (rv.version !== version)
          throw new AppError(
            'version_conflict',
            'Someone changed this review since you loaded it.',
            undefined,
            {
              current: reviewView(rv, now()),
            },
          );
        if (!(await r.reviews.setWhatChanged(id, itemId, whatChanged))) throw notFound('That increment');
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'customer_review',
          entityId: id,
          type: 'review.increment_changed',
          after: { itemId, whatChanged },
        });
        await r.events.notify(REVIEWS_CHANNEL, id);
      });
      hub.afterCommit(id);
      return reviewView(await review(store.read, ctx, id), now());
    },

    /** One personal link per stakeholder; inviting someone again replaces their link. */
    async invite(
      ctx: ProductContext,
      id: string,
      body: {
        userIds?: string[] | undefined;
        segmentIds?: string[] | undefined;
        expiresAt?: string | undefined;
      },
      origin: string,
    ) {
      return store.transaction(async (r) => {
        const rv = await review(r, ctx, id, true);
        if (!acceptsAnswers(rv, now())) throw closedError();
        const people = await r.reviews.stakeholders(ctx.productId, body);
        if (body.userIds) {
          const found = new Set(people.map((p) => p.userId));
          const bad: Record<string, string> = {};
          body.userIds.forEach((u, n) => {
            if (!found.has(u)) bad[`userIds.${n}`] = 'Not a stakeholder of this product';
          });
          if (Object.keys(bad).length > 0) throw invalid(bad);
        }
        const fallback = new Date(now().getTime() + DEFAULT_LINK_DAYS * 86_400_000);
        const expiresAt = body.expiresAt ? new Date(body.expiresAt) : (rv.closesAt ?? fallback);
        if (expiresAt.getTime() <= now().getTime()) throw invalid({ expiresAt: 'Must be in the future' });
        const links = people.map((p) => {
          const token = newSecret(TOKEN_PREFIX);
          return { ...p, token, tokenHash: hashToken(token), url: `${origin}/feedback/${token}` };
        });
        await r.reviews.upsertInvitations(
          id,
          links.map((l) => ({ userId: l.userId, tokenHash: l.tokenHash, expiresAt })),
        );
        if (links.length > 0)
          await recordEvent(r, {
            productId: ctx.productId,
            actorId: ctx.actor.userId,
            entityType: 'customer_review',
            entityId: id,
            type: 'review.invited',
            after: { userIds: links.map((l) => l.userId), expiresAt: expiresAt.toISOString() },
          });
        // Their mails (when mail is on): the fresh links in one row; the event's reaction mails them.
        await mailInvitations(r, mail, id, expiresAt, links);
        return {
          invitations: links.map((l) => ({
            userId: l.userId,
            name: l.name,
            url: l.url,
            expiresAt: expiresAt.toISOString(),
          })),
        };
      });
    },

    /** The respondent's page through their personal link: no session, nothing internal. */
    async formByToken(token: string) {
      const inv = await link(token);
      return form(inv.reviewId, inv.userId, inv, inv.expiresAt);
    },

    async answerByToken(token: string, itemId: string, body: AnswerBody) {
      const inv = await link(token, itemId);
      if (!inv.hasItem) throw notFound('That increment of the review');
      return answer({ reviewId: inv.reviewId, productId: inv.productId }, inv.userId, itemId, body);
    },

    /** A signed-in stakeholder's own cards (no link needed). */
    async myForm(ctx: ProductContext, id: string) {
      const rv = await review(store.read, ctx, id);
      if (!acceptsAnswers(rv, now())) throw closedError();
      const [userName, products] = await Promise.all([
        store.read.reviews.userName(ctx.actor.userId),
        store.read.products.byId(ctx.productId),
      ]);
      return form(
        id,
        ctx.actor.userId,
        { userName, productName: products?.name ?? '', sprintName: rv.sprintName, closesAt: rv.closesAt },
        null,
      );
    },

    async answerAsMember(ctx: ProductContext, id: string, itemId: string, body: AnswerBody) {
      const rv = await review(store.read, ctx, id);
      if (!acceptsAnswers(rv, now())) throw closedError();
      if (!(await store.read.reviews.hasIncrement(id, itemId)))
        throw notFound('That increment of the review');
      return answer({ reviewId: id, productId: ctx.productId }, ctx.actor.userId, itemId, body);
    },

    results: (ctx: ProductContext, id: string) => results(ctx.productId, id),

    async summary(ctx: ProductContext, id: string) {
      const rv = await store.read.reviews.head(id);
      if (!rv || rv.productId !== ctx.productId) throw notFound('That review');
      const r = await results(ctx.productId, id);
      return {
        ...r,
        increments: sadFirst(r.increments),
        closedAt: rv.closedAt?.toISOString() ?? null,
      };
    },

    async close(ctx: ProductContext, id: string) {
      await store.transaction(async (r) => {
        const rv = await review(r, ctx, id, true);
        if (rv.state === 'closed') throw closedError();
        await r.reviews.close(id);
        const totals = await r.reviews.totals(id);
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'customer_review',
          entityId: id,
          type: 'review.closed',
          after: { sprintId: rv.sprintId, ...totals },
        });
        await r.events.notify(REVIEWS_CHANNEL, id);
      });
      hub.afterCommit(id);
      return reviewView(await review(store.read, ctx, id), now());
    },

    itemFeedback: (ctx: ProductContext, itemId: string) =>
      itemFeedbackView(store.read.reviews, itemId, ctx.productId),

    trend: async (ctx: ProductContext) => reviewTrend(await store.read.reviews.trend(ctx.productId)),
  };
}

const TOKEN_PATTERN = new RegExp(`^${TOKEN_PREFIX}_[A-Za-z0-9_-]{43}$`);
const isToken = (t: string) => TOKEN_PATTERN.test(t);

export type ReviewsUseCases = ReturnType<typeof reviewsUseCases>;
