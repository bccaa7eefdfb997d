import { z } from 'zod';
import { SCALE_KINDS } from '#domain/poker/scales.ts';
import { POKER_STATUSES } from '#domain/poker/session.ts';
import { Id, IsoDateTime, text } from './common.ts';

export const CreatePokerBody = z
  .object({
    title: text({ max: 120 }).default(''),
    itemIds: z.array(Id).min(1, { message: 'Pick at least one item' }).max(100),
    scale: z.enum(SCALE_KINDS).default('fibonacci'),
    cards: z
      .array(text({ min: 1, max: 12 }))
      .min(2)
      .max(30)
      .optional(),
  })
  .refine((v) => v.scale !== 'custom' || (v.cards && v.cards.length >= 2), {
    message: 'A custom scale needs its cards',
    path: ['cards'],
  });
export const PokerParams = z.object({ sessionId: Id });
export const VoteBody = z.object({ value: text({ min: 1, max: 12, trim: false }) });
export const AgreeBody = z.object({ value: text({ min: 1, max: 12, trim: false }) });
export const SelectItemBody = z.object({ itemId: Id });

const Person = z.object({ userId: Id, name: z.string() });

/** The one public shape of a session: values only after reveal, for every caller and the stream. */
export const PokerSession = z.object({
  id: Id,
  productId: Id,
  title: z.string(),
  scale: z.enum(SCALE_KINDS),
  cards: z.array(z.string()),
  status: z.enum(POKER_STATUSES),
  /** Each item as the estimators read it, with how many rounds it has had (a count, never a vote). */
  items: z.array(
    z.object({
      itemId: Id,
      key: z.string(),
      title: z.string(),
      size: z.number().nullable(),
      type: z.string(),
      problem: z.string(),
      description: z.string(),
      acceptanceCriteria: z.array(z.object({ given: z.string(), when: z.string(), then: z.string() })),
      rounds: z.number().int(),
    }),
  ),
  currentItemId: Id.nullable(),
  /** The current item's round: rounds count per item, from 1. */
  round: z.number().int(),
  voters: z.array(Person.extend({ hasVoted: z.boolean() })),
  votes: z.array(Person.extend({ value: z.string() })).nullable(),
  spread: z
    .object({
      distribution: z.array(z.object({ card: z.string(), count: z.number().int() })),
      min: z.string().nullable(),
      max: z.string().nullable(),
      consensus: z.boolean(),
      suggested: z.string().nullable(),
    })
    .nullable(),
  results: z.array(z.object({ itemId: Id, value: z.string(), points: z.number() })),
  createdAt: IsoDateTime,
});
export type PokerSession = z.infer<typeof PokerSession>;
export const PokerSessionList = z.object({ sessions: z.array(PokerSession) });
export const MyVote = z.object({ value: z.string().nullable() });
