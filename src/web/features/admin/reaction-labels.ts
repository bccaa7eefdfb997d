import type { EventType } from '#contracts/events.ts';

/** What each reaction does, in words; a subscriber added later still shows its name. */
const REACTIONS: Record<string, string> = {
  'mention-notices': 'Tell the people mentioned in a comment',
  'accepted-notices': 'Tell who asked, voted or was unhappy that their item shipped',
  'release-shipped-notices': 'Tell who asked, voted or was unhappy that the release shipped',
  'request-triaged-notices': 'Tell the requester their request was planned or declined',
  'request-shipped-notices': 'Tell the requester their request shipped',
  'decision-contradictions': 'Flag changes that go around an accepted decision',
  'decision-contradiction-notices': "Tell a decision's participants it was gone around",
  'repayment-overdue-notices': 'Tell the PO and the team a workaround is still not repaid',
};

const CAUSES: Partial<Record<EventType, string>> = {
  'item.commented': 'a comment',
};

/** "Tell the people mentioned in a comment" or "webhooks (after item.created)". */
export function reactionLabel(subscriber: string, eventType: EventType | null): string {
  const known = REACTIONS[subscriber];
  if (known) return known;
  const cause = eventType ? (CAUSES[eventType] ?? eventType) : null;
  return cause ? `${subscriber} (after ${cause})` : subscriber;
}
