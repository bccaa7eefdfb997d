import { describe, expect, it } from 'vitest';
import { decideItem, type ItemState } from '#domain/backlog/item-aggregate.ts';

const item = (type: ItemState['type']): ItemState => ({
  type,
  title: 'Copy-paste',
  problem: '',
  description: '',
  acceptanceCriteria: [],
  segmentIds: [],
  category: 'debt',
  labels: [],
  assigneeId: null,
  status: 'new',
  businessValue: null,
  timeCriticality: null,
  riskReduction: null,
  size: null,
  releaseCritical: false,
  published: false,
  releaseId: null,
  debt: null,
});
const cost = { fixHours: { min: 12, max: 16 }, weeklyHours: 4 };

describe('the debt cost through the item aggregate', () => {
  it('lets contributors set it on debt items and records it in the event', () => {
    for (const role of ['team', 'owner', 'facilitator'] as const) {
      const d = decideItem(item('debt'), { debt: cost }, { role, path: 'form' });
      expect(d.ok).toBe(true);
      if (d.ok)
        expect(d.events[0]).toMatchObject({
          type: 'item.updated',
          before: { debt: null },
          after: { debt: cost },
        });
    }
  });
  it('refuses it on other items, a reversed range, and read-only roles', () => {
    const story = decideItem(item('story'), { debt: cost }, { role: 'team', path: 'form' });
    expect(story.ok || story.refusal.fields).toEqual({
      debt: 'Only debt items carry a cost to fix and a weekly cost',
    });
    const reversed = decideItem(
      item('debt'),
      { debt: { ...cost, fixHours: { min: 20, max: 16 } } },
      { role: 'team', path: 'form' },
    );
    expect(reversed.ok).toBe(false);
    for (const role of ['viewer', 'stakeholder'] as const)
      expect(decideItem(item('debt'), { debt: cost }, { role, path: 'form' }).ok).toBe(false);
  });
});
