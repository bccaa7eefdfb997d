import type { ProductContext } from '#app/products.ts';
import type { Store } from '#app/store.ts';
import { toCsv } from '#domain/backlog/csv-mapping.ts';
import { featureFileName, toFeature } from '#domain/backlog/gherkin.ts';
import { wsjfRounded } from '#domain/backlog/wsjf.ts';
import { loadItem } from './item-rules.ts';

/** Headers chosen so an exported file imports back (Key matches the item, updating it). */
const CSV_HEADER = [
  'Key',
  'Type',
  'Title',
  'Problem',
  'Description',
  'Status',
  'Category',
  'Labels',
  'Segments',
  'Business value',
  'Time criticality',
  'Risk reduction',
  'Size',
  'WSJF',
  'Release critical',
  'Acceptance criteria',
];

export function itemExportUseCases(store: Store) {
  return {
    all: (ctx: ProductContext) => store.read.items.all(ctx.productId),

    async csv(ctx: ProductContext): Promise<string> {
      const [items, segments] = await Promise.all([
        store.read.items.all(ctx.productId),
        store.read.segments.list(ctx.productId),
      ]);
      const segName = new Map(segments.map((s) => [s.id, s.name]));
      return toCsv(
        CSV_HEADER,
        items.map((i) => [
          i.key,
          i.type,
          i.title,
          i.problem,
          i.description,
          i.status,
          i.category,
          i.labels.join(';'),
          i.segmentIds.map((id) => segName.get(id) ?? id).join(';'),
          i.businessValue ?? '',
          i.timeCriticality ?? '',
          i.riskReduction ?? '',
          i.size ?? '',
          wsjfRounded(i) ?? '',
          i.releaseCritical ? 'yes' : 'no',
          i.acceptanceCriteria.map((a) => `Given ${a.given} When ${a.when} Then ${a.then}`).join('\n'),
        ]),
      );
    },

    /** One Gherkin file per item that has acceptance criteria. */
    async features(ctx: ProductContext) {
      const items = await store.read.items.all(ctx.productId);
      return items
        .filter((i) => i.acceptanceCriteria.length)
        .map((i) => ({ name: featureFileName(i.key), content: toFeature(i) }));
    },

    async feature(ctx: ProductContext, itemId: string) {
      const item = await loadItem(store.read, ctx.productId, itemId);
      return { name: featureFileName(item.key), content: toFeature(item) };
    },
  };
}
