import { z } from 'zod';
import { event, id, Mood, nullableNumber, RequestStatus, str } from './fields.ts';

/** Customer voice: stakeholders, requests, reviews with customers, releases and votes. */
export const CUSTOMERS_EVENTS = [
  // Customer voice: stakeholders, requests, reviews with customers, releases and votes
  event('member.segments_changed', 'member', {
    before: z.strictObject({ segmentIds: z.array(id) }),
    after: z.strictObject({ segmentIds: z.array(id), name: str }),
  }),
  event('stakeholders.imported', 'product', {
    after: z.strictObject({ added: z.number(), alreadyMembers: z.number(), created: z.number() }),
  }),
  event('member.sign_in_link_created', 'member', {
    after: z.strictObject({ name: str, expiresAt: str }),
  }),
  event('member.signed_in_by_link', 'member', { after: z.strictObject({ name: str }) }),
  event('request.created', 'request', {
    after: z.strictObject({ title: str, problem: str, segmentId: id.nullable() }),
  }),
  event('request.updated', 'request', {
    before: z
      .strictObject({ title: str, problem: str, segmentId: id.nullable(), published: z.boolean() })
      .partial(),
    after: z
      .strictObject({ title: str, problem: str, segmentId: id.nullable(), published: z.boolean() })
      .partial(),
  }),
  event('request.supported', 'request', { after: z.strictObject({ supporters: z.number() }) }),
  event('request.triaged', 'request', {
    before: z.strictObject({ status: RequestStatus, itemId: id.nullable() }),
    after: z.strictObject({
      action: z.enum(['link', 'create', 'decline']),
      status: RequestStatus,
      itemId: id.nullable(),
      reason: str.nullable(),
    }),
  }),
  event('request.shipped', 'request', { after: z.strictObject({ itemId: id, key: str }) }),
  event('review.opened', 'customer_review', {
    after: z.strictObject({ sprintId: id, itemIds: z.array(id), closesAt: str.nullable() }),
  }),
  event('review.increment_changed', 'customer_review', {
    after: z.strictObject({ itemId: id, whatChanged: str }),
  }),
  event('review.invited', 'customer_review', {
    after: z.strictObject({ userIds: z.array(id), expiresAt: str }),
  }),
  event('review.answered', 'customer_review', {
    after: z.strictObject({
      itemId: id,
      userId: id,
      mood: Mood,
      rating: nullableNumber,
      comment: str.nullable(),
      changed: z.boolean(),
    }),
  }),
  event('review.closed', 'customer_review', {
    after: z.strictObject({ sprintId: id, responses: z.number(), sad: z.number() }),
  }),
  event('release.created', 'release', {
    after: z.strictObject({ name: str, targetDate: str.nullable() }),
  }),
  event('release.updated', 'release', {
    before: z.strictObject({ name: str, targetDate: str.nullable() }).partial(),
    after: z.strictObject({ name: str, targetDate: str.nullable() }).partial(),
  }),
  event('release.shipped', 'release', { after: z.strictObject({ name: str, itemIds: z.array(id) }) }),
  event('release.vote_opened', 'release', {
    after: z.strictObject({ budget: z.number(), itemIds: z.array(id), closesAt: str.nullable() }),
  }),
  event('release.voted', 'release', {
    after: z.strictObject({
      userId: id,
      total: z.number(),
      votes: z.array(z.strictObject({ itemId: id, points: z.number() })),
    }),
  }),
] as const;
