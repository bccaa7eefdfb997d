import { describe, expect, it } from 'vitest';
import { checkRule, type DecisionRule, describeRule, type RuleFacts, ruleTargets } from './rules.ts';

const facts: RuleFacts = {
  items: {
    i14: { key: 'NOTIF-14', title: 'Duplicate emails', type: 'defect', status: 'in_progress', labels: [] },
    i15: { key: 'NOTIF-15', title: 'Digest', type: 'story', status: 'in_progress', labels: [] },
    push: { key: 'NOTIF-20', title: 'Push queue', type: 'story', status: 'new', labels: ['Workaround'] },
    plain: { key: 'NOTIF-21', title: 'Docs', type: 'story', status: 'new', labels: [] },
    bug: { key: 'NOTIF-22', title: 'Another bug', type: 'defect', status: 'new', labels: [] },
  },
  sprints: { s12: { name: 'Sprint 12' }, s13: { name: 'Sprint 13' } },
};

describe('stays_in_sprint', () => {
  const rule: DecisionRule = { kind: 'stays_in_sprint', itemId: 'i14', sprintId: 's12' };
  it('is contradicted when the item is taken out of the agreed sprint', () => {
    const c = checkRule(rule, { kind: 'sprint_item_removed', sprintId: 's12', itemId: 'i14' }, facts);
    expect(c).toEqual({
      itemId: 'i14',
      summary: 'NOTIF-14 was taken out of Sprint 12, though the decision says: NOTIF-14 stays in Sprint 12.',
    });
  });
  it('is contradicted when the item is re-planned into another sprint', () => {
    const c = checkRule(rule, { kind: 'sprint_item_added', sprintId: 's13', itemId: 'i14' }, facts);
    expect(c?.summary).toMatch(/^NOTIF-14 was re-planned into Sprint 13/);
  });
  it('is contradicted when the sprint closes with the item carried out unfinished', () => {
    const c = checkRule(
      rule,
      { kind: 'sprint_closed', sprintId: 's12', carriedOverKeys: ['NOTIF-14'] },
      facts,
    );
    expect(c?.itemId).toBe('i14');
  });
  it('is not contradicted by other items, other sprints or adding it to the agreed sprint', () => {
    expect(
      checkRule(rule, { kind: 'sprint_item_removed', sprintId: 's12', itemId: 'i15' }, facts),
    ).toBeNull();
    expect(
      checkRule(rule, { kind: 'sprint_item_removed', sprintId: 's13', itemId: 'i14' }, facts),
    ).toBeNull();
    expect(checkRule(rule, { kind: 'sprint_item_added', sprintId: 's12', itemId: 'i14' }, facts)).toBeNull();
    expect(
      checkRule(rule, { kind: 'sprint_closed', sprintId: 's12', carriedOverKeys: ['NOTIF-15'] }, facts),
    ).toBeNull();
  });
});

describe('no_workaround (seed 002)', () => {
  const rule: DecisionRule = { kind: 'no_workaround', itemId: 'i14' };
  it('is contradicted by resolving the item with a workaround, not with a fix', () => {
    const c = checkRule(rule, { kind: 'item_resolved', itemId: 'i14', resolution: 'workaround' }, facts);
    expect(c?.summary).toBe(
      'NOTIF-14 was resolved by a workaround, though the decision says: NOTIF-14 is fixed at the root cause: no workaround.',
    );
    expect(checkRule(rule, { kind: 'item_resolved', itemId: 'i14', resolution: 'fixed' }, facts)).toBeNull();
    expect(
      checkRule(rule, { kind: 'item_resolved', itemId: 'i15', resolution: 'workaround' }, facts),
    ).toBeNull();
  });
  it('is contradicted by a workaround or defect item linked to it, in either direction', () => {
    expect(
      checkRule(rule, { kind: 'item_linked', itemId: 'push', otherItemId: 'i14' }, facts)?.summary,
    ).toMatch(/^NOTIF-20 \(a workaround\) was filed against NOTIF-14/);
    expect(
      checkRule(rule, { kind: 'item_linked', itemId: 'i14', otherItemId: 'bug' }, facts)?.summary,
    ).toMatch(/^NOTIF-22 \(a defect\) was filed against NOTIF-14/);
  });
  it('is not contradicted by an ordinary item linked to it, or links between other items', () => {
    expect(checkRule(rule, { kind: 'item_linked', itemId: 'plain', otherItemId: 'i14' }, facts)).toBeNull();
    expect(checkRule(rule, { kind: 'item_linked', itemId: 'push', otherItemId: 'i15' }, facts)).toBeNull();
  });
});

describe('done_before', () => {
  const rule: DecisionRule = { kind: 'done_before', itemId: 'i14', beforeItemId: 'i15' };
  it('is contradicted when the later item is finished while the first is not', () => {
    const c = checkRule(rule, { kind: 'item_status', itemId: 'i15', to: 'done' }, facts);
    expect(c).toEqual({
      itemId: 'i15',
      summary:
        'NOTIF-15 was finished before NOTIF-14, though the decision says: NOTIF-14 is done before NOTIF-15 is.',
    });
    expect(checkRule(rule, { kind: 'item_status', itemId: 'i15', to: 'accepted' }, facts)).not.toBeNull();
  });
  it('is kept when the first is already done, or the later item only starts', () => {
    const done: RuleFacts = {
      ...facts,
      items: { ...facts.items, i14: { ...facts.items.i14!, status: 'done' } },
    };
    expect(checkRule(rule, { kind: 'item_status', itemId: 'i15', to: 'done' }, done)).toBeNull();
    expect(checkRule(rule, { kind: 'item_status', itemId: 'i15', to: 'in_progress' }, facts)).toBeNull();
    expect(checkRule(rule, { kind: 'item_status', itemId: 'i14', to: 'done' }, facts)).toBeNull();
  });
});

describe('no_scope_change (seed 003)', () => {
  const rule: DecisionRule = { kind: 'no_scope_change', sprintId: 's12' };
  it('is contradicted by adding to or taking out of the sprint', () => {
    expect(
      checkRule(rule, { kind: 'sprint_item_added', sprintId: 's12', itemId: 'plain' }, facts)?.summary,
    ).toBe(
      'NOTIF-21 was added to Sprint 12, though the decision says: Nothing is added to or taken out of Sprint 12.',
    );
    expect(
      checkRule(rule, { kind: 'sprint_item_removed', sprintId: 's12', itemId: 'i15' }, facts)?.itemId,
    ).toBe('i15');
  });
  it('is not contradicted by another sprint or other changes', () => {
    expect(
      checkRule(rule, { kind: 'sprint_item_added', sprintId: 's13', itemId: 'plain' }, facts),
    ).toBeNull();
    expect(checkRule(rule, { kind: 'item_status', itemId: 'i15', to: 'done' }, facts)).toBeNull();
  });
});

describe('words and targets', () => {
  it('says each rule in words, naming unknown items plainly', () => {
    expect(describeRule({ kind: 'stays_in_sprint', itemId: 'i14', sprintId: 's12' }, facts)).toBe(
      'NOTIF-14 stays in Sprint 12',
    );
    expect(describeRule({ kind: 'no_workaround', itemId: 'gone' }, facts)).toBe(
      'An item is fixed at the root cause: no workaround',
    );
  });
  it('names the items and sprint each rule governs', () => {
    expect(ruleTargets({ kind: 'done_before', itemId: 'a', beforeItemId: 'b' })).toEqual({
      itemIds: ['a', 'b'],
      sprintId: null,
    });
    expect(ruleTargets({ kind: 'no_scope_change', sprintId: 's' })).toEqual({ itemIds: [], sprintId: 's' });
  });
});
