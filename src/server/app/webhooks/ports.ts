import type { AttemptResult } from '#domain/delivery/webhook-attempt.ts';

/** Ports of the webhooks capability (issue 12): endpoints, their deliveries, and the sender. */

export interface WebhookEndpointRecord {
  id: string;
  productId: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  failingSince: Date | null;
  createdBy: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

export interface WebhookDeliveryRecord {
  id: string;
  endpointId: string;
  eventId: number | null;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  responseCode: number | null;
  latencyMs: number | null;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  sentAt: Date | null;
  createdAt: Date;
}

/** A pending delivery with what sending it needs. */
export interface DeliveryToSend {
  delivery: WebhookDeliveryRecord & { body: string };
  endpoint: { id: string; productId: string; url: string; enabled: boolean; secretSealed: string };
}

export interface EndpointPatch {
  url?: string;
  eventTypes?: string[];
  description?: string;
  enabled?: boolean;
}

export interface AttemptRecord {
  status: DeliveryStatus;
  error: string | null;
  responseCode: number | null;
  latencyMs: number | null;
  at: Date;
  nextAttemptAt: Date | null;
}

export interface WebhooksRepo {
  insertEndpoint(e: {
    productId: string;
    url: string;
    description: string;
    eventTypes: string[];
    secretSealed: string;
    createdBy: string;
  }): Promise<WebhookEndpointRecord>;
  listEndpoints(productId: string): Promise<WebhookEndpointRecord[]>;
  endpoint(productId: string, id: string): Promise<WebhookEndpointRecord | null>;
  /** The product an endpoint belongs to (the access rule's lookup), or null. */
  productOf(id: string): Promise<string | null>;
  /** Applies the patch when the version matches; null when it does not (or the endpoint is gone). */
  updateEndpoint(id: string, version: number, patch: EndpointPatch): Promise<WebhookEndpointRecord | null>;
  deleteEndpoint(productId: string, id: string): Promise<WebhookEndpointRecord | null>;
  /**
   * One delivery per enabled endpoint of the product that asked for the event's type, keyed
   * `<event id>:<endpoint id>` (a repeat inserts nothing), and its send job, in the caller's
   * transaction. Returns the new deliveries' ids.
   */
  fanOut(e: { eventId: number; eventType: string; productId: string; body: string }): Promise<string[]>;
  /** One delivery with its own key (a test event) and its send job. */
  insertDelivery(d: { key: string; endpointId: string; eventType: string; body: string }): Promise<string>;
  /** Queues the send job of a delivery at `runAt` (graphile-worker, job key per delivery). */
  enqueue(deliveryId: string, runAt: Date | null): Promise<void>;
  /**
   * Claims a pending delivery for a send: marks it in flight (counting a mark left by a crashed
   * attempt in `interrupted`) and returns it with its endpoint; null when it is not pending.
   */
  toSend(deliveryId: string): Promise<DeliveryToSend | null>;
  /** Records one attempt of a pending delivery; false when it was no longer pending. */
  recordAttempt(deliveryId: string, attempt: AttemptRecord): Promise<boolean>;
  /** The endpoint answered: its failure clock stops. */
  markHealthy(endpointId: string): Promise<void>;
  /** An attempt failed: starts the failure clock if it is not running; returns since when it runs. */
  markFailing(endpointId: string, at: Date): Promise<{ failingSince: Date; enabled: boolean; url: string }>;
  /** Turns an enabled endpoint off; false when it was off already (another attempt did it). */
  disable(endpointId: string, reason: string): Promise<boolean>;
  deliveries(
    endpointId: string,
    q: { status?: DeliveryStatus | undefined; limit: number },
  ): Promise<WebhookDeliveryRecord[]>;
  delivery(endpointId: string, deliveryId: string): Promise<WebhookDeliveryRecord | null>;
  /** A sent or failed delivery back to pending with fresh attempts; false when it is pending already. */
  resend(endpointId: string, deliveryId: string): Promise<boolean>;
  /** Every product's deliveries, newest first, with their endpoint's URL and product (the admin list). */
  adminList(q: {
    status?: DeliveryStatus | undefined;
    limit: number;
  }): Promise<Array<WebhookDeliveryRecord & { url: string; productId: string; interrupted: number }>>;
  /** The endpoint and product of one delivery, for the admin's re-send. */
  deliveryOwner(deliveryId: string): Promise<{ endpointId: string; productId: string } | null>;
  /** Who hears that an endpoint was disabled: its creator while still the product's owner, else the owners. */
  ownersToTell(endpointId: string): Promise<string[]>;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** Sends one webhook over HTTP, refusing targets inside the host's network unless allowed. */
export interface WebhookTransport {
  /** Judges a URL before it is stored: its scheme and, for names, what they resolve to now. */
  checkUrl(url: string): Promise<string | null>;
  post(req: WebhookRequest): Promise<AttemptResult & { latencyMs: number | null }>;
}

/** What the configuration says about webhooks (config.ts). */
export interface WebhookSettings {
  /** TANDEM_WEBHOOK_ALLOW_PRIVATE=on: loopback, private and link-local targets allowed. */
  allowPrivate: boolean;
  /** TANDEM_WEBHOOK_SECRET_KEY: seals signing secrets at rest (AES-256-GCM). */
  secretKey?: string | undefined;
}

/** Keeps signing secrets encrypted at rest (TANDEM_WEBHOOK_SECRET_KEY) or, without a key, as they are. */
export interface SecretBox {
  seal(secret: string): string;
  open(sealed: string): string;
}
