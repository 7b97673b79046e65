import * as z from 'zod/mini';
import { ADMIN_PREFIX } from './admin-api';
import { CatalogIdSchema } from './base-schemas';

// The administrator's upload of a hall business system's 办件 (service case) export, CSV or XLSX, on /admin: a
// preview (dry run) that writes nothing, then the real import. The server reads the file with the import
// command's own reader (sync-server/service-cases/); this is the route's contract.

export const SERVICE_CASE_IMPORT_PATH = `${ADMIN_PREFIX}/service-cases/import`;

/** Largest file the upload takes (a 5 MiB CSV is some 50,000 办件); larger is refused with 413 PAYLOAD_TOO_LARGE. */
export const SERVICE_CASE_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The content types a file may be sent as. The bytes decide how it is read (XLSX by its zip signature, else CSV
 * in UTF-8, UTF-16 or GB18030): browsers label a .csv file text/csv, application/vnd.ms-excel (Windows with
 * Excel) or nothing at all, so the label only keeps out what is surely no export (an image, JSON).
 */
export const SERVICE_CASE_IMPORT_TYPES = [
  'text/csv',
  'text/plain',
  'application/csv',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
] as const;

/** `dryRun=1`: the preview; anything else writes. `filename`: the file's name, for the answer and the audit. */
export const ServiceCaseImportQuerySchema = z.object({
  unitId: CatalogIdSchema,
  dryRun: z.optional(z.enum(['0', '1', 'true', 'false'])),
  filename: z.optional(z.string().check(z.maxLength(255))),
});

/**
 * One problem of the file or of a line, by code: the UI words it from its locale files (admin
 * `serviceCaseImport.problems.CODE` with `params`; a catalogue refusal such as UNKNOWN_STAFF from the error
 * messages), `message` is the English text for a reader without them.
 */
export const ImportProblemSchema = z.object({
  code: z.string(),
  /** The column as its header reads in the file. */
  column: z.optional(z.string()),
  params: z.object({
    column: z.optional(z.string()),
    value: z.optional(z.string()),
    line: z.optional(z.number()),
    lines: z.optional(z.array(z.number())),
    limit: z.optional(z.number()),
  }),
  message: z.string(),
});
export type ImportProblemView = z.infer<typeof ImportProblemSchema>;

/**
 * What became (dry run: would become) of a line: added, updated, unchanged (the stored 办件 is the same), refused
 * (its errors say why), superseded (a later line of the same 办件编号 in the file is used instead).
 */
export const IMPORT_LINE_OUTCOMES = ['added', 'updated', 'unchanged', 'refused', 'superseded'] as const;
export type ImportLineOutcomeView = (typeof IMPORT_LINE_OUTCOMES)[number];

export const ImportLineSchema = z.object({
  /** As a person finds it: a CSV's line in a text editor, an XLSX's row number; the header is line 1. */
  line: z.number(),
  /** 办件编号 when the line gave one readable. */
  caseNo: z.nullable(z.string()),
  outcome: z.enum(IMPORT_LINE_OUTCOMES),
  /** The stored 办件's id, after a real run (added, updated, unchanged). */
  id: z.optional(z.string()),
  /** The line's values as read, when it was readable (times Unix ms). */
  row: z.optional(
    z.object({
      serviceItemCode: z.string(),
      windowNumber: z.string(),
      employeeNo: z.string(),
      acceptedAt: z.number(),
      finishedAt: z.nullable(z.number()),
      applicantType: z.string(),
      status: z.string(),
    }),
  ),
  errors: z.array(ImportProblemSchema),
  notes: z.array(ImportProblemSchema),
});
export type ImportLineView = z.infer<typeof ImportLineSchema>;

export const ImportCountsSchema = z.object({
  lines: z.number(),
  added: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  refused: z.number(),
  superseded: z.number(),
});
export type ImportCountsView = z.infer<typeof ImportCountsSchema>;

/**
 * The answer of a preview and of an import alike. `fileErrors` not empty: the whole file was refused (a column
 * missing, not a CSV or XLSX…), it has no lines and nothing was written.
 */
export const ServiceCaseImportResultSchema = z.object({
  dryRun: z.boolean(),
  unitId: z.string(),
  filename: z.nullable(z.string()),
  format: z.string(),
  fileErrors: z.array(ImportProblemSchema),
  notes: z.array(ImportProblemSchema),
  lines: z.array(ImportLineSchema),
  counts: ImportCountsSchema,
});
export type ServiceCaseImportResult = z.infer<typeof ServiceCaseImportResultSchema>;
