import { describe, expect, it } from 'vitest';
import { decideItem } from '#domain/backlog/item-aggregate.ts';
import { checkSlaFields, itemSla, statusHistory } from './item-sla.ts';
import { DEFAULT_SLA_POLICY } from './policy.ts';

const HOUR = 3_600_000;

describe('statusHistory', () => {
  it('folds logged changes, carrying the fields a change left alone', () => {
    const h = statusHistory(0, { status: 'ready', waiting: false }, [
      { at: 0, status: 'new', waiting: false, beforeStatus: null, created: true },
      { at: HOUR, status: null, waiting: true, beforeStatus: null, created: false },
      { at: 2 * HOUR, status: 'ready', waiting: null, beforeStatus: 'new', created: false },
    ]);
    expect(h).toEqual([
      { at: 0, status: 'new', waiting: false },
      { at: HOUR, status: 'new', waiting: true },
      { at: 2 * HOUR, status: 'ready', waiting: true },
    ]);
  });

  it('starts at the logged creation when the log dates it before the row (seeded, imported)', () => {
    const h = statusHistory(10 * HOUR, { status: 'ready', waiting: false }, [
      { at: HOUR, status: 'ready', waiting: false, beforeStatus: null, created: true },
    ]);
    expect(h[0]?.at).toBe(HOUR);
  });

  it('starts an imported item in the status its first logged change left', () => {
    const h = statusHistory(0, { status: 'done', waiting: false }, [
      { at: HOUR, status: 'done', waiting: null, beforeStatus: 'in_progress', created: false },
    ]);
    expect(h.map((p) => p.status)).toEqual(['in_progress', 'done']);
  });
});

describe('SLA fields in the aggregate', () => {
  it('refuses a severity on a story and waiting on finished work, naming the field', () => {
    expect(checkSlaFields({ severity: 'S1' }, { type: 'story', status: 'new' })?.fields).toHaveProperty(
      'severity',
    );
    expect(checkSlaFields({ waiting: true }, { type: 'defect', status: 'done' })?.fields).toHaveProperty(
      'waiting',
    );
    expect(checkSlaFields({ severity: 'S1', waiting: true }, { type: 'defect', status: 'new' })).toBeNull();
    const d = decideItem(
      null,
      { type: 'story', title: 'X', problem: 'P', severity: 'S2' },
      { role: 'owner', path: 'form' },
    );
    expect(d.ok).toBe(false);
  });

  it('gives clocks only to defects with a severity under a policy', () => {
    const h = [{ at: 0, status: 'new' as const, waiting: false }];
    expect(itemSla(null, { type: 'defect', severity: 'S1' }, h, HOUR).applies).toBe(false);
    expect(itemSla(DEFAULT_SLA_POLICY, { type: 'story', severity: 'S1' }, h, HOUR).applies).toBe(false);
    expect(itemSla(DEFAULT_SLA_POLICY, { type: 'defect', severity: null }, h, HOUR).applies).toBe(false);
    const c = itemSla(DEFAULT_SLA_POLICY, { type: 'defect', severity: 'S1' }, h, 0);
    expect(c.responseDueAt).toBe(HOUR); // S1: 1 calendar hour by default
  });
});
