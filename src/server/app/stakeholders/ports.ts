import type { ProductRole } from '#domain/roles.ts';

/** Personal sign-in links: server/db/repositories/sign-in-links.repository.ts implements it. */
export interface SignInLinkRecord {
  id: string;
  userId: string;
  productId: string;
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
  /** Every role the person holds on any live product (distinct). */
  rolesOf(userId: string): Promise<ProductRole[]>;
}
