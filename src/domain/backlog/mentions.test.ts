import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMentions, type Mentionable } from './mentions.ts';

const people: Mentionable[] = [
  { userId: 'tom', name: 'Tom Team', email: 'tom@example.test' },
  { userId: 'tommy', name: 'Tommy Tester', email: 'tommy@example.test' },
  { userId: 'olive', name: 'Olive Owner', email: 'o.owner@example.test' },
];

/** What mentions meant when each member had its own regular expression: the reference. */
function byExpressions(body: string, members: readonly Mentionable[]) {
  const text = body.toLowerCase();
  const hits = new Set<string>();
  const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const m of [...members].sort((a, b) => b.name.length - a.name.length)) {
    const handles = [m.name.toLowerCase(), m.email.toLowerCase().split('@')[0]!];
    if (handles.some((h) => new RegExp(`(^|[^\\w@])@${escapeRe(h)}(?![\\w-])`, 'u').test(text)))
      hits.add(m.userId);
  }
  return [...hits];
}

describe('findMentions', () => {
  it('names people by full name or email local part, case-insensitively, longest names first', () => {
    expect(findMentions('Thanks @tom and @OLIVE OWNER!', people)).toEqual(['olive', 'tom']);
    expect(findMentions('@o.owner: see @Tommy Tester', people)).toEqual(['tommy', 'olive']);
    expect(findMentions('@tommy and @tom team', people)).toEqual(['tommy', 'tom']);
  });

  it('needs a boundary on both sides', () => {
    expect(findMentions('mail tom@tom.test, @tomx, @tom-x, @@tom, x@tom', people)).toEqual([]);
    expect(findMentions('(@tom) @tom. @tom', people)).toEqual(['tom']);
  });

  // (Emails have a local part: the one case the two differ, an empty handle, cannot happen.)
  it('agrees with one regular expression per member on any text', () => {
    const letter = fc.constantFrom('t', 'o', 'm', 'y', ' ', '@', '-', '.', 'e', 'a', 'T', 'x', '!', 'i', 'İ');
    const handle = fc.string({ unit: letter, minLength: 1, maxLength: 8 });
    const member = fc.record({
      userId: fc.uuid(),
      name: handle,
      email: handle.map((h) => `${h.replaceAll('@', '').trim() || 'x'}@e.test`),
    });
    fc.assert(
      fc.property(
        fc.array(member, { maxLength: 6 }),
        fc.string({ unit: letter, maxLength: 60 }),
        (members, body) => {
          const text = `${body} ${members.map((m, n) => (n % 2 ? `@${m.name}` : '')).join(' ')}`;
          expect(findMentions(text, members)).toEqual(byExpressions(text, members));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
