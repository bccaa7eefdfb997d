import { describe, expect, it } from 'vitest';
import { textProblem } from './text.ts';

describe('textProblem', () => {
  it('accepts ordinary text, emoji (surrogate pairs) and, in multi-line text, tabs and breaks', () => {
    expect(textProblem('Café 🎉 über', false)).toBeNull();
    expect(textProblem('line one\n\tline two\r\n', true)).toBeNull();
  });
  it('refuses NUL and lone surrogates everywhere', () => {
    for (const multiline of [true, false]) {
      expect(textProblem('a\u0000b', multiline)).toMatch(/NUL/);
      expect(textProblem('a\uD800b', multiline)).toMatch(/surrogate/);
      expect(textProblem('a\uDC00', multiline)).toMatch(/surrogate/);
      expect(textProblem('\uD83D', multiline)).toMatch(/surrogate/);
    }
  });
  it('refuses control characters, bidi overrides and the BOM in one-line text only', () => {
    for (const bad of ['a\nb', 'a\tb', '\u007F', '\u0085', 'evil\u202Etxt.exe', '\u2066x', '\uFEFFname']) {
      expect(textProblem(bad, false), JSON.stringify(bad)).not.toBeNull();
    }
    expect(textProblem('a\u202Eb', true)).toBeNull();
  });
});
