import { z } from 'zod';
import { IsoDateTime, text } from './common.ts';

/**
 * Adding many stakeholders at once (issue 10): a list of `name, email[, segment]` (CSV, header
 * optional, several segments separated by `;`), previewed row by row, then added in one go.
 */
export const StakeholderListBody = z.object({
  csv: text({
    min: 1,
    max: 1_000_000,
    multiline: true,
    minMessage: 'Paste or upload a list: name, email and optionally a segment on each line',
    maxMessage: 'At most 1 MB',
  }),
});
export type StakeholderListBody = z.infer<typeof StakeholderListBody>;

export const StakeholderRowAction = z.enum(['create', 'add', 'member', 'error']);
export const StakeholderRow = z.object({
  /** The line in the pasted text or file, counting from 1 (the header included). */
  line: z.number().int(),
  /** create: a new account (no password) · add: an existing account joins · member: already a stakeholder (segments updated) · error. */
  action: StakeholderRowAction,
  name: z.string(),
  email: z.string(),
  segments: z.array(z.string()).describe('Segment names, as this product spells them'),
  /** field (name, email, segment) → what is wrong with it. */
  errors: z.record(z.string(), z.string()),
});
export type StakeholderRow = z.infer<typeof StakeholderRow>;

export const StakeholderPreview = z.object({
  rows: z.array(StakeholderRow),
  counts: z.object({
    create: z.number().int(),
    add: z.number().int(),
    member: z.number().int(),
    error: z.number().int(),
  }),
});
export type StakeholderPreview = z.infer<typeof StakeholderPreview>;

export const StakeholderImportResult = z.object({
  /** New accounts made (no password: they sign in by a personal link). */
  created: z.number().int(),
  /** People who became stakeholders of this product (the created ones included). */
  added: z.number().int(),
  /** Rows for people already stakeholders here: their segments were set from the list. */
  alreadyMembers: z.number().int(),
});

/** A personal sign-in link for a stakeholder: single use, expiring. */
export const SignInLink = z.object({ url: z.string(), expiresAt: IsoDateTime });
export const SignInLinkTokenParams = z.object({ token: text({ min: 20, max: 200 }) });
/** Where a used sign-in link lands its person. */
export const SignInLinkResult = z.object({ productKey: z.string(), path: z.string() });
