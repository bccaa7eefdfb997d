import type { ProductRole } from '#domain/roles.ts';

/** Working agreements: server/db/repositories/agreements.repository.ts implements it. */
export interface Person {
  id: string;
  name: string;
}

export interface AgreementRecord {
  id: string;
  productId: string;
  title: string;
  roles: ProductRole[];
  shared: boolean;
  draft: string | null;
  template: string | null;
  createdBy: Person | null;
  createdAt: Date;
  version: number;
}

export interface AgreementVersionRecord {
  agreementId: string;
  number: number;
  body: string;
  proposedBy: Person | null;
  proposedAt: Date;
  commentUntil: Date | null;
  effectiveFrom: Date;
  revision: number;
}

export interface AgreementCommentRecord {
  id: string;
  version: number;
  paragraph: number;
  paragraphHash: string;
  quote: string;
  body: string;
  author: Person | null;
  createdAt: Date;
}

export interface AcknowledgementRecord {
  version: number;
  userId: string;
  at: Date;
}

export interface NewAgreement {
  productId: string;
  title: string;
  roles: readonly ProductRole[];
  shared: boolean;
  draft: string | null;
  template: string | null;
  createdBy: string;
  createdAt: Date;
}

export interface AgreementPatch {
  title?: string;
  roles?: readonly ProductRole[];
  shared?: boolean;
  draft?: string | null;
}

export interface DueVersion {
  agreementId: string;
  productId: string;
  number: number;
  title: string;
  proposedBy: string | null;
}

export interface AgreementsRepo {
  productOf(agreementId: string): Promise<string | null>;
  /** `lock`: 'update' for writes on the agreement or its versions (they serialise per agreement). */
  get(agreementId: string, lock?: 'update'): Promise<AgreementRecord | null>;
  list(productId: string): Promise<AgreementRecord[]>;
  insert(a: NewAgreement): Promise<AgreementRecord>;
  /** Applies the patch and bumps the version. */
  update(agreementId: string, patch: AgreementPatch): Promise<AgreementRecord>;
  /** Every version of the agreements named, oldest first. */
  versions(agreementIds: readonly string[]): Promise<AgreementVersionRecord[]>;
  insertVersion(
    v: Omit<AgreementVersionRecord, 'revision' | 'proposedBy'> & { proposedBy: string },
  ): Promise<void>;
  reviseVersion(
    agreementId: string,
    number: number,
    patch: { body?: string; commentUntil?: Date | null; effectiveFrom?: Date },
  ): Promise<void>;
  comments(agreementId: string): Promise<AgreementCommentRecord[]>;
  insertComment(c: {
    agreementId: string;
    version: number;
    paragraph: number;
    paragraphHash: string;
    quote: string;
    body: string;
    authorId: string;
    createdAt: Date;
  }): Promise<AgreementCommentRecord>;
  acknowledgements(
    agreementIds: readonly string[],
  ): Promise<(AcknowledgementRecord & { agreementId: string })[]>;
  /** True when this person had not acknowledged this version yet. */
  acknowledge(agreementId: string, version: number, userId: string, at: Date): Promise<boolean>;
  /**
   * Marks the version's `agreement.effective` event as recorded; true only for the first caller,
   * so the event (and the notices it causes) happens once per version however many paths try.
   */
  markEffectiveNoticed(agreementId: string, number: number, at: Date): Promise<boolean>;
  /** Versions whose date has passed (at `now`) and whose effective event is not recorded yet. */
  due(now: Date, limit: number): Promise<DueVersion[]>;
}
