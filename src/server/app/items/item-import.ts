import { recordEvents } from '#app/events.ts';
import type { NewEvent } from '#app/ports.ts';
import type { ProductContext } from '#app/products.ts';
import type { Repos, Store } from '#app/store.ts';
import {
  type ColumnMapping,
  type ImportField,
  type MappedRow,
  mapRows,
  parseCsv,
  suggestMapping,
} from '#domain/backlog/csv-mapping.ts';
import { defaultCategory } from '#domain/backlog/item-rules.ts';
import { keysBetween } from '#domain/backlog/ordering.ts';
import { AppError, invalid } from '#domain/errors.ts';
import { diff } from './item-rules.ts';
import type { ItemRecord, ItemWritable, NewItem } from './ports.ts';

export interface ImportInput {
  csv: string;
  mapping?: Record<string, ImportField> | undefined;
}

interface Prepared {
  headers: string[];
  mapping: ColumnMapping;
  rows: Array<MappedRow & { existing: ItemRecord | null }>;
}

async function prepare(r: Repos, productId: string, input: ImportInput): Promise<Prepared> {
  const parsed = parseCsv(input.csv);
  if (parsed.error) throw invalid({ csv: parsed.error });
  const headers = parsed.rows[0] ?? [];
  if (!headers.length) throw invalid({ csv: 'The file has no header row' });
  const mapping: ColumnMapping = input.mapping
    ? Object.fromEntries(Object.entries(input.mapping).map(([k, v]) => [Number(k), v]))
    : suggestMapping(headers);
  if (!Object.values(mapping).includes('title'))
    throw invalid({ mapping: 'Map one column to the title (Jira: Summary)' });
  const mapped = mapRows(parsed.rows, mapping);
  const ids = mapped.map((m) => m.input?.externalId).filter((x): x is string => !!x);
  const existing = await r.items.byExternalIds(productId, ids);
  return {
    headers,
    mapping,
    rows: mapped.map((m) => ({
      ...m,
      existing: m.input?.externalId ? (existing.get(m.input.externalId) ?? null) : null,
    })),
  };
}

const actionOf = (row: Prepared['rows'][number]) =>
  !row.input ? 'error' : row.existing ? 'update' : 'create';

export function itemImportUseCases(store: Store) {
  return {
    /** What an import would do, row by row, without writing anything. */
    async preview(ctx: ProductContext, input: ImportInput) {
      const p = await prepare(store.read, ctx.productId, input);
      const rows = p.rows.map((row) => ({
        line: row.line,
        action: actionOf(row),
        title: row.input?.title ?? null,
        externalId: row.input?.externalId ?? null,
        errors: row.errors,
      }));
      return {
        headers: p.headers,
        mapping: Object.fromEntries(Object.entries(p.mapping).map(([k, v]) => [String(k), v])),
        rows,
        counts: {
          create: rows.filter((x) => x.action === 'create').length,
          update: rows.filter((x) => x.action === 'update').length,
          error: rows.filter((x) => x.action === 'error').length,
        },
      };
    },

    /**
     * All or nothing: any bad row rejects the whole file. Rows whose external id (or item key) is
     * already in the backlog update that item; the others are added at the bottom, in file order.
     */
    async commit(ctx: ProductContext, input: ImportInput) {
      return store.transaction(async (r) => {
        await r.items.lockProductOrder(ctx.productId);
        const p = await prepare(r, ctx.productId, input);
        const bad = p.rows.filter((row) => !row.input);
        if (bad.length) {
          const fields: Record<string, string> = {};
          for (const row of bad.slice(0, 50))
            for (const [f, msg] of Object.entries(row.errors)) fields[`line ${row.line}.${f}`] = msg;
          throw new AppError(
            'validation_failed',
            `${bad.length} row(s) have errors; nothing was imported.`,
            fields,
          );
        }
        const creates = p.rows.filter((row) => !row.existing);
        const updates = p.rows.filter((row) => row.existing);
        const first = creates.length ? await r.products.nextItemNumbers(ctx.productId, creates.length) : 0;
        const ranks = creates.length
          ? keysBetween(await r.items.lastRank(ctx.productId), null, creates.length)
          : [];
        const fresh: NewItem[] = creates.map((row, i) => {
          const v = row.input!;
          return {
            ...fieldsOf(v),
            category: defaultCategory(v.type),
            acceptanceCriteria: [],
            assigneeId: null,
            status: v.status ?? 'new',
            productId: ctx.productId,
            number: first + i,
            rank: ranks[i]!,
            externalId: v.externalId,
            createdBy: ctx.actor.userId,
          };
        });
        const ids = await r.items.insertMany(fresh);
        for (const row of updates) {
          const cur = row.existing!;
          await r.items.update(cur.id, cur.version, {
            ...fieldsOf(row.input!),
            ...(row.input!.status ? { status: row.input!.status } : {}),
          });
        }
        await recordEvents(r, [
          ...ids.map(
            (id, i): NewEvent => ({
              productId: ctx.productId,
              actorId: ctx.actor.userId,
              entityType: 'item',
              entityId: id,
              type: 'item.imported',
              after: { title: fresh[i]!.title, externalId: fresh[i]!.externalId },
            }),
          ),
          ...updates.map((row): NewEvent => {
            const cur = row.existing!;
            const d = diff(cur, { ...cur, ...fieldsOf(row.input!) }, IMPORTED);
            return {
              productId: ctx.productId,
              actorId: ctx.actor.userId,
              entityType: 'item',
              entityId: cur.id,
              type: 'item.reimported',
              before: d.before,
              after: d.after,
            };
          }),
        ]);
        return { created: ids.length, updated: updates.length };
      });
    },
  };
}

type Row = NonNullable<MappedRow['input']>;
const IMPORTED = [
  'type',
  'title',
  'problem',
  'description',
  'labels',
  'size',
  'businessValue',
  'timeCriticality',
  'riskReduction',
  'releaseCritical',
] as const;

function fieldsOf(v: Row): Omit<ItemWritable, 'category' | 'acceptanceCriteria' | 'assigneeId' | 'status'> {
  return Object.fromEntries(IMPORTED.map((f) => [f, v[f]])) as Omit<
    ItemWritable,
    'category' | 'acceptanceCriteria' | 'assigneeId' | 'status'
  >;
}
