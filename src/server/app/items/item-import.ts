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
import {
  columnsOf,
  type Decision,
  decideFor,
  definitionOfReady,
  itemEvents,
  versionConflict,
} from './item-rules.ts';
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

type Refusal = { line: number; err: AppError };

/**
 * Every well-formed row goes through the item aggregate, as a form would: who may set what, the
 * status moves, the Definition of Ready, the sprint lock. A re-imported row changes only what the
 * file has a column for (a file without a Problem column does not wipe the problems, nor one
 * without a Type turn enablers into stories).
 */
async function decideRows(r: Repos, ctx: ProductContext, p: Prepared) {
  const dor = await definitionOfReady(r, ctx.productId);
  const mapped = new Set<string>(Object.values(p.mapping));
  const decided: Array<{ row: Prepared['rows'][number]; d: Decision }> = [];
  const refusals: Refusal[] = [];
  for (const row of p.rows) {
    const v = row.input;
    if (!v) continue;
    const all = { ...fieldsOf(v), ...(v.status ? { status: v.status } : {}) };
    const change = row.existing
      ? Object.fromEntries(Object.entries(all).filter(([f]) => mapped.has(f)))
      : { ...all, category: defaultCategory(v.type) };
    try {
      const d = await decideFor(
        r,
        ctx.productId,
        row.existing,
        change,
        { role: ctx.role, path: 'import', note: row.existing ? {} : { externalId: v.externalId } },
        { definitionOfReady: dor },
      );
      decided.push({ row, d });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refusals.push({ line: row.line, err });
    }
  }
  return { decided, refusals };
}

/** A refused row's messages by field (the whole message when the refusal names none). */
const refusalFields = (err: AppError): Record<string, string> =>
  err.fields && Object.keys(err.fields).length ? err.fields : { row: err.message };

export function itemImportUseCases(store: Store) {
  return {
    /** What an import would do, row by row, without writing anything. */
    async preview(ctx: ProductContext, input: ImportInput) {
      const p = await prepare(store.read, ctx.productId, input);
      // The rules too, so the preview shows what the commit would refuse.
      const { refusals } = await decideRows(store.read, ctx, p);
      const refused = new Map(refusals.map((x) => [x.line, refusalFields(x.err)]));
      const rows = p.rows.map((row) => ({
        line: row.line,
        action: refused.has(row.line) ? ('error' as const) : actionOf(row),
        title: row.input?.title ?? null,
        externalId: row.input?.externalId ?? null,
        errors: refused.get(row.line) ?? row.errors,
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
        const { decided, refusals } = await decideRows(r, ctx, p);
        if (refusals.length) throw refusedFile(refusals);
        const creates = decided.filter(({ row }) => !row.existing);
        const updates = decided.filter(({ row }) => row.existing);
        const first = creates.length ? await r.products.nextItemNumbers(ctx.productId, creates.length) : 0;
        const ranks = creates.length
          ? keysBetween(await r.items.lastRank(ctx.productId), null, creates.length)
          : [];
        const fresh: NewItem[] = creates.map(({ row, d }, i) => {
          const { segmentIds: _, ...fields } = d.next;
          return {
            ...fields,
            acceptanceCriteria: [...fields.acceptanceCriteria],
            labels: [...fields.labels],
            productId: ctx.productId,
            number: first + i,
            rank: ranks[i]!,
            externalId: row.input!.externalId,
            createdBy: ctx.actor.userId,
          };
        });
        const ids = await r.items.insertMany(fresh);
        const actor = { productId: ctx.productId, actorId: ctx.actor.userId };
        const events: NewEvent[] = ids.flatMap((id, i) => itemEvents(actor, id, creates[i]!.d));
        for (const { row, d } of updates) {
          // A row that changes nothing leaves the item (and its version) alone.
          if (!d.changed.length) continue;
          const cur = row.existing!;
          const after = await r.items.update(cur.id, cur.version, columnsOf(d));
          if (!after) throw versionConflict(await r.items.byId(cur.id));
          events.push(...itemEvents(actor, cur.id, d));
        }
        await recordEvents(r, events);
        const leftOut = decided.flatMap(({ row, d }) => d.leftOut.map((l) => ({ line: row.line, ...l })));
        return {
          created: ids.length,
          updated: updates.length,
          ...(leftOut.length ? { leftOut } : {}),
        };
      });
    },
  };
}

/** One error for the whole file, naming each refused row's fields by line. */
function refusedFile(refusals: Refusal[]): AppError {
  const fields: Record<string, string> = {};
  for (const { line, err } of refusals.slice(0, 50))
    for (const [f, msg] of Object.entries(refusalFields(err))) fields[`line ${line}.${f}`] = msg;
  const first = refusals[0]!;
  return new AppError(
    first.err.code,
    `${refusals.length} row(s) break the backlog's rules; nothing was imported. Line ${first.line}: ${first.err.message}`,
    fields,
  );
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
