import { z } from 'zod';
import { DEFAULT_VOTE_BUDGET } from '#domain/voice/votes.ts';
import { Id, IsoDateTime, text } from './common.ts';

const IsoDate = z.iso.date({ message: 'Use a date like 2026-03-03' });

export const ReleaseParams = z.object({ releaseId: Id });

export const CreateReleaseBody = z.object({
  name: text({ min: 1, max: 80, minMessage: 'Name the release' }),
  targetDate: IsoDate.nullable().optional(),
});
export const UpdateReleaseBody = z
  .object({
    name: text({ min: 1, max: 80, minMessage: 'Name the release' }),
    targetDate: IsoDate.nullable(),
  })
  .partial();

export const VoteState = z.enum(['none', 'open', 'closed']);

/** A release as every member reads it (stakeholders too): no items, no internal fields. */
export const Release = z.object({
  id: Id,
  productId: Id,
  name: z.string(),
  targetDate: z.string().nullable(),
  shippedAt: IsoDateTime.nullable(),
  version: z.number().int(),
  vote: z.object({
    state: VoteState,
    budget: z.number().int().nullable(),
    openedAt: IsoDateTime.nullable(),
    closesAt: IsoDateTime.nullable(),
    candidates: z.number().int(),
  }),
});
export type Release = z.infer<typeof Release>;
export const ReleaseList = z.object({ releases: z.array(Release) });

/** The PO's and the team's view of one release: its items and the vote's candidates. */
export const ReleaseDetail = Release.extend({
  items: z
    .array(z.object({ id: Id, key: z.string(), title: z.string(), status: z.string() }))
    .optional()
    .describe('The items assigned to the release (readers only)'),
  candidateIds: z.array(Id).optional().describe("The vote's candidates in the PO's order (readers only)"),
});
export type ReleaseDetail = z.infer<typeof ReleaseDetail>;

export const OpenVoteBody = z.object({
  budget: z.number().int().min(1).max(1000).default(DEFAULT_VOTE_BUDGET),
  itemIds: z
    .array(Id)
    .min(1, { message: 'Pick at least one candidate' })
    .max(100, { message: 'At most 100 candidates' })
    .refine((ids) => new Set(ids).size === ids.length, { message: 'Each candidate once' }),
  closesAt: z.iso.datetime({ offset: true, message: 'Use a date-time like 2026-03-03T17:00:00Z' }),
});

export const MyVotesBody = z.object({
  votes: z
    .array(
      z.object({
        itemId: Id,
        points: z
          .number({ message: 'Points must be a whole number' })
          .int({ message: 'Points must be a whole number' })
          .min(1, { message: 'At least 1 point (leave the candidate out for none)' })
          .max(1000),
      }),
    )
    .max(100),
});

/** The stakeholder's ballot: the candidates as customers see them (key, title, problem only). */
export const Ballot = z.object({
  releaseId: Id,
  name: z.string(),
  targetDate: z.string().nullable(),
  state: VoteState,
  budget: z.number().int(),
  closesAt: IsoDateTime.nullable(),
  candidates: z.array(z.object({ itemId: Id, key: z.string(), title: z.string(), problem: z.string() })),
  votes: z.array(z.object({ itemId: Id, points: z.number().int() })),
  total: z.number().int(),
});
export type Ballot = z.infer<typeof Ballot>;

const Tally = { points: z.number().int(), voters: z.number().int() };

export const VoteResults = z.object({
  releaseId: Id,
  state: VoteState,
  budget: z.number().int().nullable(),
  closesAt: IsoDateTime.nullable(),
  /** People who have points on at least one candidate. */
  voters: z.number().int(),
  segments: z.array(z.object({ segmentId: Id, name: z.string() })),
  candidates: z.array(
    z.object({
      itemId: Id,
      key: z.string(),
      title: z.string(),
      ...Tally,
      bySegment: z.array(z.object({ segmentId: Id, name: z.string(), ...Tally })),
      backlogRank: z.number().int().nullable(),
      wsjfRank: z.number().int().nullable().describe('Null while the item needs an estimate'),
      voteRank: z.number().int(),
    }),
  ),
  disagreements: z.array(
    z.object({
      itemId: Id,
      segmentId: Id.nullable(),
      kind: z.enum(['voters_prefer', 'backlog_prefers']),
      voteRank: z.number().int(),
      backlogRank: z.number().int(),
      text: z.string(),
    }),
  ),
});
export type VoteResults = z.infer<typeof VoteResults>;
