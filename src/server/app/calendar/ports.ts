import type { CalendarFact } from '#domain/calendar/calendar-feed.ts';

/** The personal calendar links (calendar_feeds): one per person, only the token's hash kept. */
export interface CalendarFeedsRepo {
  /** Replaces the person's link: the old token stops working in the same statement. */
  replace(userId: string, tokenHash: Buffer, at: Date): Promise<void>;
  /** True when the person had a link. */
  revoke(userId: string): Promise<boolean>;
  /** Whose link this is; stamps the read at most once a minute (`at`). */
  ownerOf(tokenHash: Buffer, at: Date): Promise<string | null>;
  status(userId: string): Promise<{ createdAt: Date; lastReadAt: Date | null } | null>;
}

/**
 * Where the feed's facts come from: every dated thing on the person's live products, with their
 * role there, since `since`. A capability with deadlines of its own (the agreements' comment
 * periods) adds a source to `calendarSources` in calendar.capability.ts; the domain filters by role.
 */
export type CalendarSource = (userId: string, since: Date) => Promise<CalendarFact[]>;
