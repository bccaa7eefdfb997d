import { AppError } from '#domain/errors.ts';
import type { ProductRole } from '#domain/roles.ts';

/**
 * Architecture decision records (seed 002: "hold everyone to it in writing"). A decision is
 * proposed, then accepted by the one who owns the call — the Product Owner, or the team for a
 * technical decision (seed 002: the team decides how) — and later superseded by another decision
 * of the same product, never edited away. Pure: the caller passes the record and the role.
 */
export const DECISION_STATUSES = ['proposed', 'accepted', 'superseded'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export interface DecisionFacts {
  id: string;
  productId: string;
  status: DecisionStatus;
  technical: boolean;
}

/** Who accepts: the PO owns the product's calls; the team owns the technical ones. */
export function acceptorRoles(technical: boolean): readonly ProductRole[] {
  return technical ? ['team', 'owner'] : ['owner'];
}

/** proposed → accepted, by the acceptor; anything else is refused with a stable code. */
export function decideAccept(d: DecisionFacts, role: ProductRole): AppError | null {
  if (!acceptorRoles(d.technical).includes(role)) {
    return new AppError(
      'forbidden',
      d.technical
        ? 'A technical decision is accepted by the team (or the Product Owner).'
        : 'Only the Product Owner accepts this decision; mark it technical for the team to accept it.',
    );
  }
  if (d.status !== 'proposed') return new AppError('conflict', `This decision is already ${d.status}.`);
  return null;
}

/**
 * accepted → superseded by another decision of the same product that is not itself superseded.
 * The same people who could accept the old decision may retire it.
 */
export function decideSupersede(
  d: DecisionFacts,
  by: DecisionFacts | null,
  role: ProductRole,
): AppError | null {
  if (!acceptorRoles(d.technical).includes(role)) {
    return new AppError(
      'forbidden',
      d.technical
        ? 'A technical decision is superseded by the team (or the Product Owner).'
        : 'Only the Product Owner supersedes this decision.',
    );
  }
  if (!by || by.productId !== d.productId)
    return new AppError('validation_failed', 'Please check: byDecisionId.', {
      byDecisionId: 'Not a decision of this product',
    });
  if (by.id === d.id)
    return new AppError('validation_failed', 'Please check: byDecisionId.', {
      byDecisionId: 'A decision cannot supersede itself',
    });
  if (by.status === 'superseded')
    return new AppError('validation_failed', 'Please check: byDecisionId.', {
      byDecisionId: 'That decision is itself superseded',
    });
  if (d.status !== 'accepted')
    return new AppError('conflict', `Only an accepted decision can be superseded; this one is ${d.status}.`);
  return null;
}
