import type { DemoResult } from './index.ts';

/**
 * The demo sign-ins as printed at start: one line per person with what they do and, product by
 * product, their role there, so a new user knows whom to sign in as to see what.
 */
export function signInLines(result: DemoResult, origin?: string): string[] {
  const width = Math.max(...result.users.map((u) => u.email.length)) + 2;
  const lines = result.users.map((u) => {
    const byRole = new Map<string, string[]>();
    for (const p of u.products) byRole.set(p.role, [...(byRole.get(p.role) ?? []), p.name]);
    const where = byRole.size
      ? [...byRole].map(([role, names]) => `${role} in ${names.join(', ')}`).join('; ')
      : 'no product role';
    return `  ${u.email.padEnd(width)}${u.role} — ${where}`;
  });
  const link = result.vipLink;
  return [
    '',
    `Demo workspace ready. Sign in with any of these (password for all: ${result.password}):`,
    ...lines,
    '',
    `A VIP member's personal link (no password; it works once, for 14 days): ${link.name}, ${link.email}`,
    `  ${origin ? origin.replace(/\/$/, '') : ''}${link.path}`,
    '',
  ];
}
