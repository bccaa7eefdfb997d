import { describe, expect, it } from 'vitest';
import { acknowledgementsFor } from './acknowledgements.ts';
import { paragraphDiff } from './diff.ts';
import { locate, splitParagraphs } from './paragraphs.ts';
import { AGREEMENT_TEMPLATES } from './templates.ts';
import {
  assertCommentsOpen,
  assertRevisable,
  checkProposalTimes,
  commentsOpen,
  effectiveAt,
  pendingAt,
  statusAt,
  type VersionTimes,
} from './versions.ts';

const d = (s: string) => new Date(`2026-12-${s}Z`);
const v = (
  number: number,
  proposed: string,
  effective: string,
  comment: string | null = null,
): VersionTimes => ({
  number,
  proposedAt: d(proposed),
  effectiveFrom: d(effective),
  commentUntil: comment ? d(comment) : null,
});

describe('which version is in force is a function of time', () => {
  const v1 = v(1, '01T09:00:00', '01T09:00:00');
  const v2 = v(2, '02T09:00:00', '09T09:00:00', '07T17:00:00');
  const all = [v1, v2];

  it('a proposal becomes effective when its date passes, without any flag flipped', () => {
    expect(effectiveAt(all, d('05T00:00:00'))).toBe(1);
    expect(statusAt(v2, all, d('05T00:00:00'))).toBe('proposed');
    expect(effectiveAt(all, d('09T09:00:00'))).toBe(2);
    expect(statusAt(v2, all, d('09T09:00:00'))).toBe('effective');
    expect(statusAt(v1, all, d('09T09:00:00'))).toBe('superseded');
    expect(pendingAt(all, d('05T00:00:00'))).toBe(2);
    expect(pendingAt(all, d('10T00:00:00'))).toBeNull();
  });

  it('before the first date nothing is in force', () => {
    expect(effectiveAt([v2], d('03T00:00:00'))).toBeNull();
  });

  it('a newer proposal made before the pending one took effect withdraws it', () => {
    const v3 = v(3, '04T09:00:00', '11T09:00:00', '10T09:00:00');
    const three = [v1, v2, v3];
    expect(statusAt(v2, three, d('09T10:00:00'))).toBe('withdrawn');
    expect(effectiveAt(three, d('09T10:00:00'))).toBe(1);
    expect(effectiveAt(three, d('11T10:00:00'))).toBe(3);
    expect(statusAt(v1, three, d('11T10:00:00'))).toBe('superseded');
  });
});

describe('an effective version cannot be edited, only superseded', () => {
  const v1 = v(1, '01T09:00:00', '01T09:00:00');
  const v2 = v(2, '02T09:00:00', '09T09:00:00', '07T17:00:00');
  it('refuses to revise the effective and the superseded version, allows a proposal', () => {
    expect(() => assertRevisable(v1, [v1, v2], d('03T00:00:00'))).toThrow(/in effect/);
    expect(() => assertRevisable(v2, [v1, v2], d('03T00:00:00'))).not.toThrow();
    expect(() => assertRevisable(v2, [v1, v2], d('09T09:00:00'))).toThrow(/in effect/);
    expect(() => assertRevisable(v1, [v1, v2], d('09T09:00:00'))).toThrow(/superseded/);
  });
});

describe('comments close at the end of the period', () => {
  const v1 = v(1, '01T09:00:00', '09T09:00:00', '07T17:00:00');
  it('open until commentUntil, closed at and after it', () => {
    expect(commentsOpen(v1, [v1], d('07T16:59:59'))).toBe(true);
    expect(commentsOpen(v1, [v1], d('07T17:00:00'))).toBe(false);
    expect(() => assertCommentsOpen(v1, [v1], d('08T00:00:00'))).toThrow(/Comments closed/);
  });
  it('a proposal without a comment period takes no comments', () => {
    const v2 = v(1, '01T09:00:00', '09T09:00:00');
    expect(() => assertCommentsOpen(v2, [v2], d('02T00:00:00'))).toThrow(/without a comment period/);
  });
});

describe('proposal dates', () => {
  const now = d('02T09:00:00');
  it('refuses a date in the past and a comment period ending after the date or already over', () => {
    expect(() => checkProposalTimes({ effectiveFrom: d('01T00:00:00'), commentUntil: null }, now)).toThrow(
      expect.objectContaining({ fields: { effectiveFrom: expect.any(String) } }),
    );
    expect(() =>
      checkProposalTimes({ effectiveFrom: d('05T00:00:00'), commentUntil: d('06T00:00:00') }, now),
    ).toThrow(expect.objectContaining({ fields: { commentUntil: expect.stringMatching(/before/) } }));
    expect(() =>
      checkProposalTimes({ effectiveFrom: d('05T00:00:00'), commentUntil: d('02T08:00:00') }, now),
    ).toThrow(expect.objectContaining({ fields: { commentUntil: expect.stringMatching(/future/) } }));
  });
  it('"now" sent a moment ago is now', () => {
    const t = checkProposalTimes({ effectiveFrom: d('02T08:59:30'), commentUntil: null }, now);
    expect(t.effectiveFrom).toEqual(now);
  });
});

describe('acknowledgements belong to one version', () => {
  const members = [
    { userId: 'po', name: 'Priya', role: 'owner' as const },
    { userId: 'dev', name: 'Dan', role: 'team' as const },
    { userId: 'view', name: 'Vera', role: 'viewer' as const },
    { userId: 'cust', name: 'Carl', role: 'stakeholder' as const },
  ];
  const acks = [
    { version: 1, userId: 'po', at: d('01T10:00:00') },
    { version: 1, userId: 'dev', at: d('01T11:00:00') },
    { version: 2, userId: 'dev', at: d('09T10:00:00') },
  ];
  it('a new version asks everyone again', () => {
    const s1 = acknowledgementsFor(1, ['owner', 'team'], members, acks);
    expect(s1.acknowledged.map((m) => m.userId)).toEqual(['po', 'dev']);
    expect(s1.pending).toEqual([]);
    const s2 = acknowledgementsFor(2, ['owner', 'team'], members, acks);
    expect(s2.acknowledged.map((m) => m.userId)).toEqual(['dev']);
    expect(s2.pending.map((m) => m.userId)).toEqual(['po']);
  });
  it('asks only the roles the agreement names', () => {
    const s = acknowledgementsFor(1, ['owner', 'team', 'viewer'], members, acks);
    expect(s.pending.map((m) => m.userId)).toEqual(['view']);
  });
});

describe('paragraph anchors follow the text', () => {
  const before = splitParagraphs('# Title\n\nFirst rule.\n\nSecond rule.\r\n\r\n\n- a\n- b\n');
  it('splits at blank lines, a list is one block', () => {
    expect(before.map((p) => p.text)).toEqual(['# Title', 'First rule.', 'Second rule.', '- a\n- b']);
  });
  it('finds a moved paragraph by its text and reports a changed one as gone', () => {
    const after = splitParagraphs('# Title\n\nA new rule.\n\nFirst rule.\n\nSecond rule, reworded.');
    const first = before[1]!;
    const second = before[2]!;
    expect(locate(before, { paragraph: 1, hash: first.hash })).toBe(1);
    expect(locate(after, { paragraph: 1, hash: first.hash })).toBe(2);
    expect(locate(after, { paragraph: 2, hash: second.hash })).toBeNull();
  });
});

describe('the diff to the previous version', () => {
  it('is per paragraph, with words inside a reworded one', () => {
    const parts = paragraphDiff(
      ['Keep me.', 'Fix it next week.', 'Drop me entirely please.'],
      ['Keep me.', 'Fix it in sprint 12.', 'Something else altogether now.'],
    );
    expect(parts[0]).toEqual({ kind: 'same', text: 'Keep me.' });
    expect(parts[1]).toMatchObject({ kind: 'changed' });
    const words = parts[1]!.kind === 'changed' ? parts[1]!.words : [];
    expect(
      words
        .filter((w) => w.kind === 'added')
        .map((w) => w.text.trim())
        .join(' '),
    ).toMatch(/in sprint 12/);
    expect(parts.slice(2)).toEqual([
      { kind: 'removed', text: 'Drop me entirely please.' },
      { kind: 'added', text: 'Something else altogether now.' },
    ]);
  });
});

describe('templates', () => {
  it('offer the three agreements of the seeds, each in several paragraphs', () => {
    expect(AGREEMENT_TEMPLATES.map((t) => t.title)).toEqual([
      'How we handle urgent bugs',
      'How the backlog is changed',
      'What protects the sprint',
    ]);
    for (const t of AGREEMENT_TEMPLATES) expect(splitParagraphs(t.body).length).toBeGreaterThan(6);
    expect(AGREEMENT_TEMPLATES[0]!.body).toMatch(/tech lead's approval/);
    expect(AGREEMENT_TEMPLATES[0]!.body).toMatch(/S2/);
  });
});
