/** Ports of close-the-loop: who asked for, voted for or was unhappy with an item, and its requests. */

export interface ShippedItem {
  id: string;
  productId: string;
  key: string;
  title: string;
  /** Whether the PO published it: an unpublished item's title is internal, never told to a customer. */
  published: boolean;
  /** Accepted items are on the portal as delivered, published or not. */
  accepted: boolean;
  /** The PO's latest "what changed for you" line for it at a review, if any. */
  whatChanged: string | null;
}

export interface LinkedRequest {
  id: string;
  productId: string;
  title: string;
  status: 'open' | 'planned' | 'declined' | 'shipped';
  requesterId: string | null;
  itemId: string | null;
  declineReason: string | null;
}

export interface LoopRepo {
  item(itemId: string): Promise<ShippedItem | null>;
  /**
   * The people to tell when the item ships: requesters and supporters of its requests, voters
   * for it in any release, and who answered sad about it at a review — deduplicated, and only
   * those still members of its product.
   */
  audienceOf(itemId: string): Promise<string[]>;
  /** Its linked requests still open or planned, locked. */
  unshippedRequestsOf(itemId: string): Promise<LinkedRequest[]>;
  /** Sets these requests shipped (a version step each). */
  request(requestId: string): Promise<LinkedRequest | null>;
  isMember(productId: string, userId: string): Promise<boolean>;
}
