import {
  BacklogExport,
  ExportQuery,
  ImportBody,
  ImportPreview,
  ImportResult,
} from '#contracts/backlog-import.ts';
import { ProductParams } from '#contracts/common.ts';
import { ItemParams } from '#contracts/items.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';
import { presentItem } from './items.presenters.ts';
import { onItem } from './items.routes.ts';

const importers = allow.product(ROLES.owner, { denied: 'Only the Product Owner imports into the backlog.' });

export const itemIoRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/items/import/preview',
    tag: 'import-export',
    summary: 'Preview a CSV import (ours or a Jira export): mapping and per-row errors; writes nothing',
    access: importers,
    params: ProductParams,
    body: ImportBody,
    response: ImportPreview,
    handler: (ctx) => ctx.services.items.import.preview(ctx.product, ctx.body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/items/import',
    tag: 'import-export',
    summary: 'Import a CSV, all or nothing; rows with a known external id or key update that item',
    access: importers,
    params: ProductParams,
    body: ImportBody,
    response: ImportResult,
    idempotent: true,
    handler: (ctx) => ctx.services.items.import.commit(ctx.product, ctx.body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/items/export',
    tag: 'import-export',
    summary: 'Export the backlog: format=csv, json, or feature (Gherkin files as JSON {files})',
    access: allow.readers,
    params: ProductParams,
    query: ExportQuery,
    response: BacklogExport,
    raw: true,
    async handler(ctx) {
      const name = `backlog-${ctx.product.productId.slice(0, 8)}`;
      if (ctx.query.format === 'csv') {
        const csv = await ctx.services.items.export.csv(ctx.product);
        return ctx.reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(csv);
      }
      if (ctx.query.format === 'json') {
        const items = await ctx.services.items.export.all(ctx.product);
        return ctx.reply
          .header('content-disposition', `attachment; filename="${name}.json"`)
          .send({ items: items.map(presentItem) });
      }
      return ctx.reply.send({ files: await ctx.services.items.export.features(ctx.product) });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/items/:itemId/feature',
    tag: 'import-export',
    summary: "The item's acceptance criteria as a Gherkin .feature file",
    access: allow.product(ROLES.readers, { of: onItem }),
    params: ItemParams,
    raw: true,
    async handler(ctx) {
      const f = await ctx.services.items.export.feature(ctx.product, ctx.params.itemId);
      return ctx.reply
        .header('content-type', 'text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="${f.name}"`)
        .send(f.content);
    },
  }),
];
