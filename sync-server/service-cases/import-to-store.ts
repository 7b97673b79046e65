import type { Catalog } from '../../src/domain/catalog';
import type { ItemRefusal } from '../../src/domain/error-codes';
import type { ServiceCaseFields, ServiceCaseUpsertOutcome } from '../../src/domain/service-case';
import { serviceCaseFieldsFrom } from '../service-case-resolve';
import type { Store } from '../store/store';
import type { ImportedLine, ServiceCaseImport } from './import-file';

/**
 * An 办件 export file, already read (import-file.ts), resolved in one unit and written to the store. The rows go
 * through the business-system API's own check and resolution (service-case-resolve.ts), so a file is held to the
 * same rules as the API and lands in the same shape (source IMPORT).
 */

/** What became of one data line. `superseded`: a later line of the same 办件编号 replaced it in the file. */
export type ImportLineOutcome = ServiceCaseUpsertOutcome | 'refused' | 'superseded' | 'would-write';

export interface ImportLineResult {
  line: number;
  entry: ImportedLine;
  outcome: ImportLineOutcome;
  /** The stored 办件's id (added, updated, unchanged). */
  id?: string;
  /** Why the catalogue refused a row the file gave correctly (unknown item code, 工号, window number). */
  refusal?: ItemRefusal;
}

export type ImportCounts = Record<ImportLineOutcome, number> & { lines: number };

/**
 * Each line judged against the unit's catalogue: the fields to store, or why not. Nothing is written. Without a
 * catalogue (a dry run with no store) the file alone judges: a correct row would be written.
 */
export function resolveImportLines(catalog: Catalog | null, unitId: string, result: ServiceCaseImport): { lines: ImportLineResult[]; fields: Map<number, ServiceCaseFields> } {
  const fields = new Map<number, ServiceCaseFields>();
  const lines = result.rows.map((entry): ImportLineResult => {
    if (entry.errors.length > 0) return { line: entry.line, entry, outcome: 'refused' };
    if (!entry.row) return { line: entry.line, entry, outcome: 'superseded' };
    if (!catalog) return { line: entry.line, entry, outcome: 'would-write' };
    // The file's row has exactly the API input's fields (window by number, person by 工号).
    const verdict = serviceCaseFieldsFrom(catalog, unitId, entry.row, 'IMPORT');
    if (!verdict.ok) return { line: entry.line, entry, outcome: 'refused', refusal: verdict.error };
    fields.set(entry.line, verdict.fields);
    return { line: entry.line, entry, outcome: 'would-write' };
  });
  return { lines, fields };
}

/**
 * Writes every line the catalogue accepted in ONE store call (one transaction: all of them or, on an error, none),
 * then one audit entry with the counts. Refused lines are reported, never half-written. The command audits only a
 * write; an upload (`always`) audits every real run, so an administrator's refused file is traced too.
 */
export async function writeImportLines(
  store: Store,
  unitId: string,
  resolved: ReturnType<typeof resolveImportLines>,
  /** `user`: the operating-system user of the command; `actorId` and `ip`: the administrator of an upload. */
  audit: { at: number; file: string; format: string; user: string | null; actorId?: string; ip?: string; always?: boolean; fileErrors?: string[] },
): Promise<ImportLineResult[]> {
  const toWrite = resolved.lines.filter((l) => l.outcome === 'would-write');
  if (toWrite.length === 0 && !audit.always) return resolved.lines;
  const written = toWrite.length === 0 ? [] : await store.upsertServiceCases(
    toWrite.map((l) => resolved.fields.get(l.line)!),
    audit.at,
  );
  const byLine = new Map(toWrite.map((l, i) => [l.line, written[i]]));
  const lines = resolved.lines.map((l) => {
    const w = byLine.get(l.line);
    return w ? { ...l, outcome: w.outcome, id: w.id } : l;
  });
  // After the write, so the counts are what was stored; a crash between the two loses the entry, not the 办件.
  const { lines: total, added, updated, unchanged, refused, superseded } = countOutcomes(lines);
  await store.appendAudit({
    at: audit.at,
    actorId: audit.actorId ?? null,
    action: 'service-cases.import',
    targetType: 'unit',
    targetId: unitId,
    detail: { file: audit.file, format: audit.format, user: audit.user, lines: total, added, updated, unchanged, refused, superseded, ...(audit.fileErrors?.length ? { fileErrors: audit.fileErrors } : {}) },
    ip: audit.ip ?? null,
  });
  return lines;
}

export function countOutcomes(lines: readonly ImportLineResult[]): ImportCounts {
  const counts: ImportCounts = { lines: lines.length, added: 0, updated: 0, unchanged: 0, refused: 0, superseded: 0, 'would-write': 0 };
  for (const l of lines) counts[l.outcome] += 1;
  return counts;
}
