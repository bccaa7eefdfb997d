import { describe, expect, it } from 'vitest';
import type { NameLookup } from './format-value.ts';
import { describeHistoryEntry, type HistoryInput } from './history-describe.ts';

const ITEM = '00000000-0000-4000-8000-0000000000aa';
const THEO = '00000000-0000-4000-8000-0000000000bb';
const COMMENT = '9bd9f88a-0000-4000-8000-0000000000cc';
const names: NameLookup = { segments: new Map(), people: new Map([[THEO, 'Theo Team']]) };
const entry = (type: string, changes: HistoryInput['changes']): HistoryInput => ({
  id: '1',
  at: '2026-01-01T10:00:00Z',
  actor: { id: THEO, name: 'Paula' },
  type,
  changes,
});
const ids = /[0-9a-f]{8}-[0-9a-f]{4}/;

describe('describeHistoryEntry', () => {
  it('says a comment was made, without the comment id or the mentioned ids', () => {
    const line = describeHistoryEntry(
      ITEM,
      entry('item.commented', [
        { field: 'commentId', before: null, after: COMMENT },
        { field: 'key', before: null, after: 'LEAG-3' },
        { field: 'mentions', before: null, after: [THEO] },
      ]),
      names,
    );
    expect(line).toEqual({ sentence: 'Paula commented on this item', changes: [] });
  });

  it('lists only the fields a new item started with, never its empty ones', () => {
    const line = describeHistoryEntry(
      ITEM,
      entry('item.created', [
        { field: 'key', before: null, after: 'LEAG-3' },
        { field: 'title', before: null, after: 'Sponsor logo upload' },
        { field: 'description', before: null, after: '' },
        { field: 'labels', before: null, after: [] },
        { field: 'assigneeId', before: null, after: THEO },
        { field: 'size', before: null, after: null },
        { field: 'releaseCritical', before: null, after: false },
      ]),
      names,
    );
    expect(line.sentence).toBe('Paula created this item');
    expect(line.changes).toEqual([
      { field: 'title', label: 'Title', after: 'Sponsor logo upload' },
      { field: 'assigneeId', label: 'Assignee', after: 'Theo Team' },
    ]);
  });

  it('names a status change in words and drops context fields', () => {
    const line = describeHistoryEntry(
      ITEM,
      entry('item.updated', [
        { field: 'status', before: 'new', after: 'ready' },
        { field: 'sprintId', before: null, after: ITEM },
      ]),
      names,
    );
    expect(line.sentence).toBe('Paula moved this item from New to Ready');
    expect(line.changes).toEqual([{ field: 'status', label: 'Status', before: 'New', after: 'Ready' }]);
    expect(JSON.stringify(line)).not.toMatch(ids);
  });

  it('describes moves and links with a sentence only', () => {
    const moved = describeHistoryEntry(
      ITEM,
      entry('item.moved', [
        { field: 'before', before: null, after: COMMENT },
        { field: 'rank', before: null, after: 'a0' },
      ]),
      names,
    );
    expect(moved).toEqual({ sentence: 'Paula moved this item in the backlog order', changes: [] });
  });
});

describe('segment weights in the history', () => {
  it('names the segments and their percent, and the even split for none', async () => {
    const { formatValue } = await import('./format-value.ts');
    const VIP = '00000000-0000-4000-8000-0000000000d1';
    const SEC = '00000000-0000-4000-8000-0000000000d2';
    const named: NameLookup = {
      segments: new Map([
        [VIP, { name: 'VIP members' }],
        [SEC, { name: 'Secretariat' }],
      ]),
      people: new Map(),
    };
    expect(formatValue('segmentWeights', { [VIP]: 75, [SEC]: 25 }, named)).toBe(
      'VIP members 75 %, Secretariat 25 %',
    );
    expect(formatValue('segmentWeights', null, named)).toBe('an even split');
  });
});
