/**
 * What text Tandem stores. PostgreSQL refuses NUL (U+0000) in text columns, and a lone UTF-16
 * surrogate cannot be encoded as UTF-8 (it would be stored as U+FFFD, silently changing the
 * text). One-line fields (names, titles, labels) also refuse control characters, the
 * bidirectional overrides and isolates that can make a name read differently from what it is
 * ("Trojan Source"), and the byte-order mark. Multi-line fields keep tabs and line breaks.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what this rule refuses
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const ONE_LINE_FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;

/** The reason `value` cannot be stored as text, or null when it can. */
export function textProblem(value: string, multiline: boolean): string | null {
  if (NUL.test(value)) return 'Must not contain the NUL character';
  if (LONE_SURROGATE.test(value)) return 'Contains a broken character (a lone UTF-16 surrogate)';
  if (!multiline && ONE_LINE_FORBIDDEN.test(value))
    return 'Must not contain control characters, direction overrides or a byte-order mark';
  return null;
}
