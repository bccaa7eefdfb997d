import { ProductParams } from '#contracts/common.ts';
import {
  ApplyScopeBody,
  ApplyScopeResult,
  DebtLedger,
  ItemDebt,
  ScopeBody,
  ScopeResult,
  SetDebtBody,
} from '#contracts/insight-scope.ts';
import { ItemParams } from '#contracts/items.ts';
import { ReleaseParams } from '#contracts/releases.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute, ifMatchVersion } from '#http/route.ts';
import { onItem } from '#http/routes/items.routes.ts';
import { onRelease } from '#http/routes/releases.routes.ts';

const INSIGHT = 'Insight is for the Product Owner, the team and the facilitator.';

/** Release scope by value per effort and the debt ledger (issue 11). */
export const scopeRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/releases/:releaseId/scope',
    tag: 'insight',
    summary: 'Compute the release scope that maximises value within the capacity (nothing is changed)',
    access: allow.product(ROLES.readers, { of: onRelease, denied: INSIGHT }),
    params: ReleaseParams,
    body: ScopeBody,
    response: ScopeResult,
    handler: (ctx) => ctx.services.scope.scope(ctx.product, ctx.params.releaseId, ctx.body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/releases/:releaseId/scope/apply',
    tag: 'insight',
    summary: 'Put the chosen items in the release (Product Owner)',
    access: allow.product(ROLES.owner, { of: onRelease, denied: 'Only the Product Owner plans releases.' }),
    params: ReleaseParams,
    body: ApplyScopeBody,
    response: ApplyScopeResult,
    handler: (ctx) => ctx.services.scope.apply(ctx.product, ctx.params.releaseId, ctx.body.itemIds),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/debt',
    tag: 'insight',
    summary: 'The debt ledger: open debt items by payback, with break-even and the weekly drag',
    access: allow.product(ROLES.readers, { denied: INSIGHT }),
    params: ProductParams,
    response: DebtLedger,
    handler: (ctx) => ctx.services.scope.ledger(ctx.product),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/items/:itemId/debt',
    tag: 'insight',
    summary: "A debt item's cost to fix and weekly cost",
    access: allow.product(ROLES.readers, { of: onItem }),
    params: ItemParams,
    response: ItemDebt,
    handler: (ctx) => ctx.services.scope.getDebt(ctx.product, ctx.params.itemId),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/items/:itemId/debt',
    tag: 'insight',
    summary: "Set a debt item's cost to fix (hours, a range) and hours lost per week (If-Match)",
    access: allow.product(ROLES.participants, { of: onItem }),
    params: ItemParams,
    body: SetDebtBody,
    response: ItemDebt,
    headers: { 'if-match': 'The item version you edited' },
    handler: (ctx) =>
      ctx.services.scope.setDebt(ctx.product, ctx.params.itemId, ifMatchVersion(ctx.req), ctx.body.debt),
  }),
];
