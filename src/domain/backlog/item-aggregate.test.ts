import { describe, expect, it } from 'vitest';
import { DEFAULT_DEFINITION_OF_READY } from './definition-of-ready.ts';
import { decideItem, type ItemContext, type ItemDecision, type ItemState, needs } from './item-aggregate.ts';

const item: ItemState = {
  type: 'story',
  title: 'Guest list import',
  problem: 'Secretaries re-type guest lists for every meeting.',
  description: '',
  acceptanceCriteria: [{ given: 'a list', when: 'I import it', then: 'every guest is there' }],
  segmentIds: ['s1'],
  category: 'feature',
  labels: [],
  assigneeId: null,
  status: 'new',
  businessValue: 8,
  timeCriticality: null,
  riskReduction: null,
  size: 5,
  releaseCritical: false,
  published: false,
  releaseId: null,
};
const ready = { definitionOfReady: DEFAULT_DEFINITION_OF_READY, blockers: [] };
const ctx = (c: Partial<ItemContext>): ItemContext => ({
  role: 'team',
  path: 'form',
  key: 'VIP-1',
  readiness: ready,
  activeSprint: null,
  ...c,
});
const code = (d: ItemDecision) => (d.ok ? 'ok' : d.refusal.code);
const ok = (d: ItemDecision) => {
  if (!d.ok) throw d.refusal;
  return d;
};

describe('creating an item', () => {
  it('starts new or ready, with the type’s category and an item.created event', () => {
    const d = ok(decideItem(null, { type: 'defect', title: 'Crash on login' }, ctx({ role: 'owner' })));
    expect(d.next).toMatchObject({ type: 'defect', category: 'defect', status: 'new', size: null });
    expect(d.events).toEqual([{ type: 'item.created', after: d.next }]);
    expect(code(decideItem(null, { title: 'x', status: 'done' }, ctx({ role: 'owner' })))).toBe(
      'validation_failed',
    );
  });
  it('takes a size only from the team, and value inputs only from the PO', () => {
    expect(code(decideItem(null, { title: 'x', size: 3 }, ctx({ role: 'owner' })))).toBe(
      'estimate_by_team_only',
    );
    expect(code(decideItem(null, { title: 'x', businessValue: 3 }, ctx({ role: 'team' })))).toBe('forbidden');
    expect(code(decideItem(null, { title: 'x', size: 3 }, ctx({ role: 'team' })))).toBe('ok');
  });
  it('meets the Definition of Ready to start as ready', () => {
    const { size: _, ...unsized } = item;
    expect(code(decideItem(null, { ...unsized, status: 'ready' }, ctx({ role: 'owner' })))).toBe('not_ready');
    expect(code(decideItem(null, { ...item, status: 'ready' }, ctx({ role: 'team', path: 'form' })))).toBe(
      'forbidden',
    );
    const { businessValue: __, ...byTeam } = item;
    expect(code(decideItem(null, { ...byTeam, status: 'ready' }, ctx({ role: 'team' })))).toBe('not_ready');
  });
});

describe('editing an item (the form, and the bulk bar’s PATCH per item)', () => {
  it('checks the status move and logs only what changed', () => {
    expect(code(decideItem(item, { status: 'done' }, ctx({})))).toBe('validation_failed');
    const d = ok(decideItem(item, { title: 'Guest lists', size: 5, segmentIds: ['s1'] }, ctx({})));
    expect(d.changed).toEqual(['title']);
    expect(d.events).toEqual([
      { type: 'item.updated', before: { title: 'Guest list import' }, after: { title: 'Guest lists' } },
    ]);
  });
  it('refuses an unchanged form nothing, but a size change to anyone but the team', () => {
    for (const role of ['owner', 'facilitator', 'stakeholder'] as const)
      expect(code(decideItem(item, { size: 8 }, ctx({ role })))).toBe('estimate_by_team_only');
    expect(code(decideItem(item, { size: 5, title: 'x' }, ctx({ role: 'owner' })))).toBe('ok');
    expect(code(decideItem(item, { title: 'x' }, ctx({ role: 'stakeholder' })))).toBe('forbidden');
  });
  it('lets only the PO publish an item to stakeholders, on create and on edit', () => {
    const team = decideItem(item, { published: true }, ctx({ role: 'team' }));
    expect(code(team)).toBe('forbidden');
    expect(team.ok ? null : team.refusal.fields).toEqual({ published: 'Published by the Product Owner' });
    expect(code(decideItem(null, { title: 'x', published: true }, ctx({ role: 'facilitator' })))).toBe(
      'forbidden',
    );
    // A form sent back whole with the same value trips nothing.
    expect(code(decideItem(item, { published: false, title: 'y' }, ctx({ role: 'team' })))).toBe('ok');
    const po = decideItem(item, { published: true }, ctx({ role: 'owner' }));
    expect(po.ok && po.next.published).toBe(true);
    expect(po.ok && po.events[0]?.after).toEqual({ published: true });
  });
  it('lets only the PO accept or reject', () => {
    const done = { ...item, status: 'done' as const };
    expect(code(decideItem(done, { status: 'accepted' }, ctx({ role: 'team' })))).toBe('forbidden');
    expect(code(decideItem(done, { status: 'accepted' }, ctx({ role: 'owner' })))).toBe('ok');
  });
  it('gates `ready` on the Definition of Ready, incl. an open spike blocking the estimate', () => {
    const spike = { key: 'VIP-9', type: 'spike' as const, status: 'in_progress' as const };
    const estimableOnly = { checks: ['estimable'] as const, splitThreshold: 13 };
    const d = decideItem(
      item,
      { status: 'ready' },
      ctx({ readiness: { definitionOfReady: estimableOnly, blockers: [spike] } }),
    );
    expect(code(d)).toBe('not_ready');
    expect(d.ok ? null : d.refusal.message).toMatch(/VIP-9/);
    expect(code(decideItem(item, { status: 'ready' }, ctx({})))).toBe('ok');
  });
  it('refuses a silent re-size inside an active sprint', () => {
    const d = decideItem(item, { size: 8 }, ctx({ activeSprint: { id: 'sp', name: 'Sprint 4' } }));
    expect(code(d)).toBe('reason_required');
    expect(d.ok ? null : d.refusal.details).toEqual({ sprintId: 'sp' });
  });
  it('asks a story turned from another type for its problem', () => {
    const defect = { ...item, type: 'defect' as const, problem: '' };
    expect(code(decideItem(defect, { type: 'story' }, ctx({})))).toBe('validation_failed');
  });
});

describe('importing rows', () => {
  it('leaves out the sizes of a file the PO imports, and says so', () => {
    const d = ok(decideItem(item, { size: 13, title: 'Renamed' }, ctx({ role: 'owner', path: 'import' })));
    expect(d.next.size).toBe(5);
    expect(d.leftOut).toEqual([{ field: 'size', reason: expect.stringMatching(/team/) }]);
    expect(d.events).toEqual([
      { type: 'item.reimported', before: { title: 'Guest list import' }, after: { title: 'Renamed' } },
    ]);
  });
  it('applies the status moves and the Definition of Ready like a form', () => {
    const owner = ctx({ role: 'owner', path: 'import' });
    expect(code(decideItem(item, { status: 'accepted' }, owner))).toBe('validation_failed');
    expect(code(decideItem(null, { title: 'x', status: 'done' }, owner))).toBe('validation_failed');
    expect(code(decideItem(null, { title: 'x', status: 'ready' }, owner))).toBe('not_ready');
    const created = ok(decideItem(null, { title: 'x' }, { ...owner, note: { externalId: 'J-1' } }));
    expect(created.events).toEqual([{ type: 'item.imported', after: { title: 'x', externalId: 'J-1' } }]);
  });
});

describe('sprint paths', () => {
  it('lets the team finish any open item of its sprint, once', () => {
    const d = ok(
      decideItem(
        { ...item, status: 'ready' },
        { status: 'done' },
        ctx({ path: 'sprint_done', note: { definitionOfDone: ['Tested'] } }),
      ),
    );
    expect(d.events).toEqual([
      {
        type: 'item.updated',
        before: { status: 'ready' },
        after: { status: 'done', definitionOfDone: ['Tested'] },
      },
    ]);
    const done = { ...item, status: 'done' as const };
    expect(code(decideItem(done, { status: 'done' }, ctx({ path: 'sprint_done' })))).toBe('conflict');
    expect(code(decideItem(item, { status: 'done' }, ctx({ path: 'sprint_done', role: 'owner' })))).toBe(
      'forbidden',
    );
  });
  it('lets the PO accept done work and reject done or accepted work at the review', () => {
    const review = ctx({ path: 'review', role: 'owner' });
    const done = { ...item, status: 'done' as const };
    expect(code(decideItem(done, { status: 'accepted' }, review))).toBe('ok');
    expect(code(decideItem({ ...item, status: 'accepted' }, { status: 'rejected' }, review))).toBe('ok');
    const early = decideItem({ ...item, status: 'in_progress' }, { status: 'accepted' }, review);
    expect(early.ok ? null : early.refusal.message).toBe(
      'VIP-1 is in_progress; only done work can be accepted.',
    );
    expect(code(decideItem(done, { status: 'accepted' }, ctx({ path: 'review', role: 'team' })))).toBe(
      'forbidden',
    );
  });
  it('returns unfinished work to the backlog as ready on close, and nothing else', () => {
    const close = ctx({ path: 'close', readiness: undefined });
    expect(code(decideItem({ ...item, status: 'rejected' }, { status: 'ready' }, close))).toBe('ok');
    expect(code(decideItem({ ...item, status: 'done' }, { status: 'ready' }, close))).toBe('conflict');
  });
  it('keeps each path to its own fields', () => {
    expect(() => decideItem(item, { title: 'x' }, ctx({ path: 'review', role: 'owner' }))).toThrow(/review/);
  });
});

describe('planning poker', () => {
  it('writes the agreed size as the team’s estimate, with the voters, outside an active sprint', () => {
    const note = { estimate: '8', via: 'planning_poker' };
    const d = ok(decideItem(item, { size: 8 }, ctx({ path: 'poker', note })));
    expect(d.events).toEqual([{ type: 'item.updated', before: { size: 5 }, after: { size: 8, ...note } }]);
    expect(code(decideItem(item, { size: 8 }, ctx({ path: 'poker', role: 'facilitator' })))).toBe(
      'estimate_by_team_only',
    );
    const locked = ctx({ path: 'poker', activeSprint: { id: 'sp', name: 'Sprint 4' } });
    expect(code(decideItem(item, { size: 8 }, locked))).toBe('reason_required');
  });
});

describe('what a decision needs loaded', () => {
  it('asks for the Definition of Ready only when entering ready, the sprint only for a team re-size', () => {
    expect(needs(item, { status: 'ready' }, { path: 'form', role: 'team' })).toEqual({
      readiness: true,
      activeSprint: false,
    });
    expect(needs(item, { size: 8 }, { path: 'poker', role: 'team' })).toEqual({
      readiness: false,
      activeSprint: true,
    });
    expect(needs(item, { size: 8 }, { path: 'import', role: 'owner' }).activeSprint).toBe(false);
    expect(
      needs({ ...item, status: 'in_progress' }, { status: 'ready' }, { path: 'close', role: 'team' }),
    ).toEqual({ readiness: false, activeSprint: false });
  });
});

describe('segment weights (issue 11)', () => {
  const two: ItemState = { ...item, segmentIds: ['s1', 's2'], segmentWeights: null };
  it('are the PO’s, one positive weight per segment of the item, stored as percent', () => {
    expect(code(decideItem(two, { segmentWeights: { s1: 3, s2: 1 } }, ctx({ role: 'team' })))).toBe(
      'forbidden',
    );
    const d = ok(decideItem(two, { segmentWeights: { s1: 3, s2: 1 } }, ctx({ role: 'owner' })));
    expect(d.next.segmentWeights).toEqual({ s1: 75, s2: 25 });
    expect(d.events).toEqual([
      {
        type: 'item.updated',
        before: { segmentWeights: null },
        after: { segmentWeights: { s1: 75, s2: 25 } },
      },
    ]);
    const bad = (w: Record<string, number>, state = two) => {
      const r = decideItem(state, { segmentWeights: w }, ctx({ role: 'owner' }));
      return r.ok ? null : r.refusal.fields?.segmentWeights;
    };
    expect(bad({ s1: 1 })).toMatch(/each segment/);
    expect(bad({ s1: 1, s2: 1, s3: 1 })).toMatch(/each segment/);
    expect(bad({ s1: 1, s2: 0 })).toMatch(/above 0/);
    expect(bad({ s1: 1 }, { ...item, segmentWeights: null })).toMatch(/fewer than two/);
    // Back to the even split.
    const weighted = { ...two, segmentWeights: { s1: 75, s2: 25 } };
    expect(
      ok(decideItem(weighted, { segmentWeights: null }, ctx({ role: 'owner' }))).next.segmentWeights,
    ).toBe(null);
  });
});
