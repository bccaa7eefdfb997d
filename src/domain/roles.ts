/**
 * Roles a person holds on one product, and what each may do. Pure data: the server checks it on
 * every route, the web app uses it to hide controls the caller cannot use.
 */
export const PRODUCT_ROLES = ['owner', 'team', 'facilitator', 'stakeholder', 'viewer'] as const;
export type ProductRole = (typeof PRODUCT_ROLES)[number];

export const ROLE_LABELS: Record<ProductRole, string> = {
  owner: 'Product Owner',
  team: 'Team member',
  facilitator: 'Facilitator',
  stakeholder: 'Stakeholder',
  viewer: 'Viewer',
};

/** Named groups of roles, used as the access rule of routes. */
export const ROLES = {
  anyMember: PRODUCT_ROLES,
  /**
   * Who reads the internal work: backlog, board, sprints, poker, activity, comments. Not the
   * stakeholder: that role is the customer's, who sees the portal, published items, reviews,
   * votes and their own requests instead (issue 10).
   */
  readers: ['owner', 'team', 'facilitator', 'viewer'],
  /** The customers: stakeholders, who answer reviews, vote and ask. */
  customers: ['stakeholder'],
  owner: ['owner'],
  ownerOrFacilitator: ['owner', 'facilitator'],
  /** People who shape the backlog: the PO, the team, the facilitator. */
  contributors: ['owner', 'team', 'facilitator'],
  /** Only the team estimates (seed 003: the PO must not estimate for the team). */
  estimators: ['team'],
  /** People who run team events: planning, poker, sprints. */
  teamOrFacilitator: ['team', 'facilitator'],
  /**
   * Who writes on internal work (creates items, edits, comments): anyone but read-only viewers
   * and the customers, whose comments and asks go through requests and reviews (issue 10).
   */
  participants: ['owner', 'team', 'facilitator'],
  /** Who writes working agreements (issue 13): the agreement is the team's, with its Product Owner. */
  agreementWriters: ['owner', 'team'],
} as const satisfies Record<string, readonly ProductRole[]>;

export function hasRole(role: ProductRole | null | undefined, allowed: readonly ProductRole[]): boolean {
  return role != null && allowed.includes(role);
}
