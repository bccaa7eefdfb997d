import { describe, expect, it } from 'vitest';
import { describeNotice } from '#web/features/activity/notices.tsx';
import { reactionLabel } from './reaction-labels.ts';

describe('reaction and notice wording', () => {
  it('says what a reaction does, and still names one added later', () => {
    expect(reactionLabel('mention-notices', 'item.commented')).toBe('Tell the people mentioned in a comment');
    expect(reactionLabel('webhooks', 'item.commented')).toBe('webhooks (after a comment)');
    expect(reactionLabel('webhooks', 'sprint.started')).toBe('webhooks (after sprint.started)');
    expect(reactionLabel('webhooks', null)).toBe('webhooks');
  });

  it('describes a mention by person and item, and copes with a deleted item', () => {
    const n = {
      id: '00000000-0000-4000-8000-000000000001',
      kind: 'mention' as const,
      productId: '00000000-0000-4000-8000-000000000002',
      productKey: 'VIP',
      actorName: 'Olive',
      itemId: '00000000-0000-4000-8000-000000000003',
      itemKey: 'VIP-5',
      itemTitle: 'Import profiles',
      excerpt: '@Tom see this',
      createdAt: '2026-12-01T09:00:00Z',
      readAt: null,
    };
    expect(describeNotice(n)).toBe('Olive mentioned you on VIP-5 “Import profiles”');
    expect(describeNotice({ ...n, itemKey: null, itemTitle: null, actorName: null })).toBe(
      'Someone mentioned you on an item that was deleted since',
    );
  });
});
