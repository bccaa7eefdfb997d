import type { ProductRole } from '#domain/roles.ts';

/**
 * Who is asked to acknowledge an agreement, and who has: the members holding one of the roles the
 * agreement names. An acknowledgement belongs to one version; a new effective version asks
 * everyone again (acknowledgements of older versions do not count for it).
 */
export interface Member {
  userId: string;
  name: string;
  role: ProductRole;
}
export interface Acknowledgement {
  version: number;
  userId: string;
  at: Date;
}

export interface AckStatus<M extends Member = Member> {
  version: number;
  acknowledged: (M & { at: Date })[];
  pending: M[];
}

export const asked = (roles: readonly ProductRole[], m: Member) => roles.includes(m.role);

export function acknowledgementsFor<M extends Member>(
  version: number,
  roles: readonly ProductRole[],
  members: readonly M[],
  acks: readonly Acknowledgement[],
): AckStatus<M> {
  const at = new Map(acks.filter((a) => a.version === version).map((a) => [a.userId, a.at]));
  const acknowledged: (M & { at: Date })[] = [];
  const pending: M[] = [];
  for (const m of members) {
    if (!asked(roles, m)) continue;
    const when = at.get(m.userId);
    if (when) acknowledged.push({ ...m, at: when });
    else pending.push(m);
  }
  acknowledged.sort((a, b) => a.at.getTime() - b.at.getTime());
  pending.sort((a, b) => a.name.localeCompare(b.name));
  return { version, acknowledged, pending };
}
