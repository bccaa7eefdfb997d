import { z } from 'zod';
import { IMPORT_FIELDS } from '#domain/backlog/csv-mapping.ts';
import { text } from './common.ts';
import { Item } from './items.ts';

export const ImportField = z.enum(IMPORT_FIELDS);

export const ImportBody = z.object({
  csv: text({
    min: 1,
    max: 5_000_000,
    multiline: true,
    minMessage: 'The file is empty',
    maxMessage: 'At most 5 MB',
  }),
  /** Column index (as a string) → field; omitted = guessed from the headers (ours or Jira's). */
  mapping: z
    .record(z.string().regex(/^\d+$/, { message: 'Column indexes are numbers' }), ImportField)
    .optional(),
});
export type ImportBody = z.infer<typeof ImportBody>;

export const ImportPreview = z.object({
  headers: z.array(z.string()),
  mapping: z.record(z.string(), ImportField),
  rows: z.array(
    z.object({
      line: z.number().int(),
      action: z.enum(['create', 'update', 'error']),
      title: z.string().nullable(),
      externalId: z.string().nullable(),
      errors: z.record(z.string(), z.string()),
    }),
  ),
  counts: z.object({ create: z.number().int(), update: z.number().int(), error: z.number().int() }),
});
export const ImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  /** Values the file carried that the importer may not set (a PO's story points), left out. */
  leftOut: z.array(z.object({ line: z.number().int(), field: z.string(), reason: z.string() })).optional(),
});

export const ExportQuery = z.object({ format: z.enum(['csv', 'json', 'feature']).default('csv') });

export const FeatureFile = z.object({ name: z.string(), content: z.string() });
/** format=json: every item as the API shows it; format=feature: the Gherkin files (csv is text/csv). */
export const BacklogExport = z.union([
  z.object({ items: z.array(Item) }),
  z.object({ files: z.array(FeatureFile) }),
]);
