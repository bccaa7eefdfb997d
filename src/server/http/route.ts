import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '#app/actor.ts';
import type { ProductContext } from '#app/products.ts';
import type { Services } from '#app/services.ts';
import { ifMatchVersionText, isUuid } from '#contracts/common.ts';
import { AppError } from '#domain/errors.ts';
import { hasRole, type ProductRole, ROLES } from '#domain/roles.ts';

/** Finds the product of the entity a route is keyed by (an item, a sprint); null when there is none. */
export type ProductOf = (
  input: { params: Record<string, string> },
  services: Services,
) => Promise<string | null>;

/**
 * Every route states who may call it. The route table test walks all routes × all roles and
 * fails when a route has no rule or a rule lets the wrong caller in.
 *  - public: anyone, signed in or not (sign-in, setup, health)
 *  - user: any signed-in person
 *  - admin: workspace admins
 *  - product: members of the product with one of `roles`; anyone else gets 404, so a stranger
 *    cannot even learn that the product exists. `productOf` finds the product for routes keyed
 *    by another entity (an item, a sprint); it returns null when that entity does not exist.
 *    `admins: true` lets workspace admins in as well, member or not, acting as the PO (used where
 *    running access is theirs: a member's role and segments).
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'user' }
  | { kind: 'admin' }
  | {
      kind: 'product';
      roles: readonly ProductRole[];
      productOf?: ProductOf;
      /** The message for members whose role is not enough (they get 403, since they can see the product). */
      deniedMessage?: string;
      /** Workspace admins may also call it, member or not, acting as the Product Owner (access is theirs to run). */
      admins?: boolean;
    };

export const ACCESS_KINDS = [
  'public',
  'user',
  'admin',
  'product',
] as const satisfies readonly Access['kind'][];

/**
 * The one way routes state their access rule: `access: allow.user`, `access: allow.admin`,
 * `access: allow.product(ROLES.owner, { of: productOfItem, denied: 'Only the Product Owner …' })`.
 * Handlers never check roles themselves; the domain refuses what a role may not change.
 */
export const allow = {
  public: { kind: 'public' },
  user: { kind: 'user' },
  admin: { kind: 'admin' },
  /** Any member of the product named by `:productId`: the rule of most reads. */
  members: { kind: 'product', roles: ROLES.anyMember },
  /** Who reads the internal work of the product named by `:productId`: every role but the customers'. */
  readers: { kind: 'product', roles: ROLES.readers },
  /** Members of the product with one of `roles`: `:productId`, or the product `of` finds. */
  product: (
    roles: readonly ProductRole[],
    opts: { of?: ProductOf; denied?: string; admins?: boolean } = {},
  ): Access => ({
    kind: 'product',
    roles,
    ...(opts.of ? { productOf: opts.of } : {}),
    ...(opts.denied ? { deniedMessage: opts.denied } : {}),
    ...(opts.admins ? { admins: true } : {}),
  }),
} as const satisfies Record<string, Access | ((...args: never[]) => Access)>;

/** A `productOf` for routes keyed by `:param`; a malformed id names nothing, so it is not looked up. */
export function keyedBy(
  param: string,
  find: (services: Services, id: string) => Promise<string | null>,
): ProductOf {
  return async ({ params }, services) => {
    const id = params[param];
    return isUuid(id) ? find(services, id) : null;
  };
}

/**
 * Runs a route's access rule for the caller, before anything else looks at the request. Returns
 * the product context on product routes. A stranger to the product, or an id that names nothing,
 * gets the same 404; a member whose role is not enough gets 403.
 */
export async function authorize(
  access: Access,
  actor: Actor | null,
  params: Record<string, string>,
  services: Services,
): Promise<ProductContext | undefined> {
  if (access.kind === 'public') return undefined;
  if (!actor) throw new AppError('unauthenticated', 'Sign in to continue.');
  if (access.kind === 'user') return undefined;
  if (access.kind === 'admin') {
    if (actor.workspaceRole !== 'admin')
      throw new AppError('forbidden', 'Only workspace admins can do this.');
    return undefined;
  }
  // Built only when thrown: capturing a stack on every request is measurable at a thousand moves a second.
  const hidden = () => new AppError('not_found', 'That was not found, or you have no access to it.');
  // A malformed id names nothing: the same 404, before it reaches the database.
  if (Object.entries(params).some(([k, v]) => k.endsWith('Id') && !isUuid(v))) throw hidden();
  const productId = access.productOf ? await access.productOf({ params }, services) : params.productId;
  if (!productId) throw hidden();
  const role = await services.products.roleOf(productId, actor.userId);
  if (access.admins && actor.workspaceRole === 'admin' && !hasRole(role, access.roles)) {
    const asOwner: ProductContext = { actor, productId, role: 'owner' };
    await services.products.get(asOwner).catch(() => {
      throw hidden();
    });
    return asOwner;
  }
  if (!role) throw hidden();
  if (!hasRole(role, access.roles)) {
    throw new AppError(
      'forbidden',
      access.deniedMessage ?? `Your role (${role}) cannot do this on this product.`,
    );
  }
  return { actor, productId, role };
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HandlerContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The caller; always set unless the route is public. */
  actor: Actor;
  /** The product and the caller's role; set on product routes. */
  product: ProductContext;
  services: Services;
  req: FastifyRequest;
  reply: FastifyReply;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds routes of every schema type
export type AnyRoute = RouteDef<any, any, any, any, any, any>;

export interface RouteDef<
  PS extends z.ZodType = z.ZodType,
  QS extends z.ZodType = z.ZodType,
  BS extends z.ZodType = z.ZodType,
  P = z.output<PS>,
  Q = z.output<QS>,
  B = z.output<BS>,
> {
  method: Method;
  /** Fastify path syntax: /api/v1/products/:productId */
  url: string;
  summary: string;
  tag: string;
  access: Access;
  params?: PS;
  query?: QS;
  body?: BS;
  /** The success response: the OpenAPI document, and in tests every response is checked against it. */
  response?: z.ZodType;
  /** Success status; 200 unless given (201 for creates, 204 for deletes). */
  status?: number;
  /** Honour an Idempotency-Key header: a retried request gets the first response. */
  idempotent?: boolean;
  /** Extra request headers worth documenting (e.g. If-Match). */
  headers?: Record<string, string>;
  /** Raw responses (CSV, streams): the handler writes to `reply` itself. */
  raw?: boolean;
  handler(ctx: HandlerContext<P, Q, B>): Promise<unknown>;
}

export function defineRoute<PS extends z.ZodType, QS extends z.ZodType, BS extends z.ZodType>(
  route: RouteDef<PS, QS, BS>,
): RouteDef<PS, QS, BS> {
  return route;
}

/**
 * Reads the If-Match header as an entity version; PATCH on versioned resources requires it.
 * `min: 0` for settings whose unsaved defaults carry version 0.
 */
export function ifMatchVersion(req: FastifyRequest, min: 0 | 1 = 1): number {
  const raw = req.headers['if-match'];
  if (raw === undefined) {
    throw new AppError('precondition_required', 'Send the If-Match header with the version you edited.', {
      'If-Match': 'Required: the version you loaded',
    });
  }
  // The shared bounded type: `99999999999999999999` is a 400, not an integer-out-of-range 500.
  const parsed = ifMatchVersionText(min).safeParse(String(raw));
  if (!parsed.success) {
    throw new AppError('validation_failed', 'If-Match must be a version number.', {
      'If-Match': 'Must be a version number',
    });
  }
  return parsed.data;
}
