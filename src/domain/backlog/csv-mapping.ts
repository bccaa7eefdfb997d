import Papa from 'papaparse';
import { textProblem } from '#domain/text.ts';
import { ITEM_STATUSES, ITEM_TYPES, type ItemStatus, type ItemType, isValuePoint } from './item-rules.ts';

/** Item fields a CSV column can fill. */
export const IMPORT_FIELDS = [
  'externalId',
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
  'status',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Column index → field. Several columns may fill `labels` (Jira repeats the Labels header). */
export type ColumnMapping = Record<number, ImportField>;

export interface ImportRowInput {
  externalId: string | null;
  type: ItemType;
  title: string;
  problem: string;
  description: string;
  labels: string[];
  size: number | null;
  businessValue: number | null;
  timeCriticality: number | null;
  riskReduction: number | null;
  releaseCritical: boolean;
  status: ItemStatus | null;
}

export interface MappedRow {
  /** 1-based line in the file, counting the header as line 1. */
  line: number;
  input: ImportRowInput | null;
  errors: Record<string, string>;
}

/** Header names we recognise, ours and Jira's CSV export (lower-cased). */
const HEADER_ALIASES: Record<string, ImportField> = {
  'external id': 'externalId',
  externalid: 'externalId',
  'issue key': 'externalId',
  key: 'externalId',
  type: 'type',
  'issue type': 'type',
  title: 'title',
  summary: 'title',
  problem: 'problem',
  'problem statement': 'problem',
  description: 'description',
  labels: 'labels',
  label: 'labels',
  size: 'size',
  'story points': 'size',
  'custom field (story points)': 'size',
  'story point estimate': 'size',
  'business value': 'businessValue',
  businessvalue: 'businessValue',
  priority: 'businessValue',
  'time criticality': 'timeCriticality',
  timecriticality: 'timeCriticality',
  'risk reduction': 'riskReduction',
  riskreduction: 'riskReduction',
  'release critical': 'releaseCritical',
  releasecritical: 'releaseCritical',
  status: 'status',
};

/** Jira issue types → ours; unknown types are reported per row. */
const TYPE_ALIASES: Record<string, ItemType> = {
  story: 'story',
  'user story': 'story',
  improvement: 'story',
  'new feature': 'story',
  feature: 'story',
  bug: 'defect',
  defect: 'defect',
  spike: 'spike',
  research: 'spike',
  debt: 'debt',
  'technical debt': 'debt',
  'tech debt': 'debt',
  task: 'enabler',
  'sub-task': 'enabler',
  enabler: 'enabler',
  epic: 'enabler',
};

/** Jira Priority → business value on the 1–20 scale (our reading; the PO reviews it in the preview). */
const PRIORITY_VALUES: Record<string, number> = {
  highest: 20,
  blocker: 20,
  critical: 13,
  high: 13,
  major: 8,
  medium: 5,
  low: 2,
  minor: 2,
  lowest: 1,
  trivial: 1,
};

/** Jira statuses → ours; anything else leaves the item `new`. */
const STATUS_ALIASES: Record<string, ItemStatus> = {
  'to do': 'new',
  open: 'new',
  backlog: 'new',
  'selected for development': 'ready',
  'in progress': 'in_progress',
  done: 'done',
  closed: 'done',
  resolved: 'done',
};

export function parseCsv(text: string): { rows: string[][]; error: string | null } {
  const r = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const fatal = r.errors.find((e) => e.type === 'Quotes');
  return { rows: r.data, error: fatal ? `Line ${(fatal.row ?? 0) + 1}: ${fatal.message}` : null };
}

export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  headers.forEach((h, i) => {
    const field = HEADER_ALIASES[h.trim().toLowerCase()];
    if (field) mapping[i] = field;
  });
  return mapping;
}

const MAX_TITLE = 200;

export function mapRow(cells: readonly string[], mapping: ColumnMapping, line: number): MappedRow {
  const errors: Record<string, string> = {};
  const values: Partial<Record<ImportField, string>> = {};
  const labels: string[] = [];
  for (const [col, field] of Object.entries(mapping)) {
    const v = (cells[Number(col)] ?? '').trim();
    if (field === 'labels') labels.push(...v.split(/[,;\s]+/).filter(Boolean));
    else if (v && !values[field]) values[field] = v;
  }
  // Cells obey the same text rule as the API's fields (domain/text.ts): one-line fields stay one line.
  for (const [field, v] of Object.entries(values) as [ImportField, string][]) {
    const problem = textProblem(v, field === 'problem' || field === 'description');
    if (problem) errors[field] = problem;
  }
  const badLabel = labels.map((l) => textProblem(l, false)).find(Boolean);
  if (badLabel) errors.labels = badLabel;
  const title = values.title ?? '';
  if (!title) errors.title = 'A title is required';
  else if (errors.title) {
    // already refused for its characters
  } else if (title.length > MAX_TITLE) errors.title = `At most ${MAX_TITLE} characters`;

  const rawType = (values.type ?? 'story').toLowerCase();
  const type = (ITEM_TYPES as readonly string[]).includes(rawType)
    ? (rawType as ItemType)
    : TYPE_ALIASES[rawType];
  if (!type) errors.type = `Unknown type "${values.type}"; use ${ITEM_TYPES.join(', ')}`;

  let size: number | null = null;
  if (values.size) {
    const n = Number(values.size.replace(',', '.'));
    if (!Number.isFinite(n) || n < 0 || n > 1000) errors.size = `"${values.size}" is not a number of points`;
    else size = n;
  }
  const point = (field: 'businessValue' | 'timeCriticality' | 'riskReduction'): number | null => {
    const raw = values[field];
    if (!raw) return null;
    const fromPriority = field === 'businessValue' ? PRIORITY_VALUES[raw.toLowerCase()] : undefined;
    const n = fromPriority ?? Number(raw);
    if (!isValuePoint(n)) {
      errors[field] = `"${raw}" is not one of 1, 2, 3, 5, 8, 13, 20`;
      return null;
    }
    return n;
  };
  const businessValue = point('businessValue');
  const timeCriticality = point('timeCriticality');
  const riskReduction = point('riskReduction');

  let status: ItemStatus | null = null;
  if (values.status) {
    const s = values.status.toLowerCase();
    status = (ITEM_STATUSES as readonly string[]).includes(s)
      ? (s as ItemStatus)
      : (STATUS_ALIASES[s] ?? 'new');
  }
  const rc = (values.releaseCritical ?? '').toLowerCase();
  const releaseCritical = ['yes', 'y', 'true', '1', 'x'].includes(rc);
  if (rc && !releaseCritical && !['no', 'n', 'false', '0'].includes(rc))
    errors.releaseCritical = `"${values.releaseCritical}" is not yes or no`;
  if (labels.some((l) => l.length > 40)) errors.labels = 'A label has more than 40 characters';
  if ((values.externalId ?? '').length > 100) errors.externalId = 'At most 100 characters';

  if (Object.keys(errors).length || !type) return { line, input: null, errors };
  return {
    line,
    errors,
    input: {
      externalId: values.externalId ?? null,
      type,
      title,
      problem: values.problem ?? '',
      description: values.description ?? '',
      labels: [...new Set(labels)].slice(0, 20),
      size,
      businessValue,
      timeCriticality,
      riskReduction,
      releaseCritical,
      status,
    },
  };
}

/** Maps every data row; duplicate external ids within one file are an error on the later row. */
export function mapRows(rows: readonly string[][], mapping: ColumnMapping): MappedRow[] {
  const seen = new Map<string, number>();
  return rows.slice(1).map((cells, i) => {
    const m = mapRow(cells, mapping, i + 2);
    const ext = m.input?.externalId;
    if (ext) {
      const first = seen.get(ext);
      if (first) return { line: m.line, input: null, errors: { externalId: `Same as line ${first}` } };
      seen.set(ext, m.line);
    }
    return m;
  });
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return Papa.unparse({ fields: [...header], data: rows.map((r) => [...r]) }, { newline: '\n' });
}
