import { dictionary } from '@zxcvbn-ts/language-common';
import { invalid } from '#domain/errors.ts';

/**
 * ASVS 5.0 V6.2: refuse passwords that are commonly used, or that are the account's own email,
 * the email's local part or the person's name. The list is zxcvbn-ts's common-password dictionary
 * (about 49,000 entries, most used first), shipped in the package: no network.
 */
let common: Set<string> | undefined;
const commonPasswords = (): Set<string> => {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
};

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Why this password may not be used, or null when it may. */
export function passwordProblem(
  password: string,
  who: { email: string; name?: string | undefined },
): string | null {
  if (password.trim() === '') return 'A password of only spaces is too easy to guess';
  if (commonPasswords().has(password.toLowerCase()))
    return 'This is one of the most commonly used passwords, which attackers try first. Choose another';
  const email = who.email.trim().toLowerCase();
  const local = email.split('@')[0] ?? '';
  if (same(password, email) || (local.length > 0 && same(password, local)))
    return 'Do not use your email address as your password';
  if (who.name && same(password, who.name)) return 'Do not use your name as your password';
  return null;
}

/** Throws a 400 naming `field` when the password may not be used. */
export function assertUsablePassword(
  field: string,
  password: string,
  who: { email: string; name?: string | undefined },
): void {
  const problem = passwordProblem(password, who);
  if (problem) throw invalid({ [field]: problem });
}
