import type { ProductRole } from '#domain/roles.ts';

/** Personal sign-in links: server/db/repositories/sign-in-links.repository.ts implements it. */
export interface SignInLinkRecord {
  id: string;
  userId: string;
  productId: string;
  /** Who made it (a PO of the product): the link reaches only what they run. */
  createdBy: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface SignInLinksRepo {
  insert(l: {
    tokenHash: Buffer;
    userId: string;
    productId: string;
    createdBy: string;
    expiresAt: Date;
  }): Promise<SignInLinkRecord>;
  byToken(tokenHash: Buffer): Promise<SignInLinkRecord | null>;
  /** Uses the link up; false when it already was (two tabs racing with one link: one wins). */
  markUsed(id: string): Promise<boolean>;
  /**
   * Whether the person is a member of some live product in a role outside `customerRoles`, or of
   * a product `makerId` does not own: what a link `makerId` made would let its maker reach.
   */
  reachesBeyond(userId: string, makerId: string, customerRoles: readonly ProductRole[]): Promise<boolean>;
}
