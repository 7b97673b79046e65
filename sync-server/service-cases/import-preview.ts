import type { ServiceCaseFields } from '../../src/domain/service-case';
import type { Store } from '../store/store';
import type { ImportLineResult, resolveImportLines } from './import-to-store';

/**
 * A dry run against the store: what the real import would do to each line the catalogue accepted. The stored 办件
 * of the same key (unit, 办件编号) are read in one go (findServiceCases) and compared on the fields an upsert may
 * change, so the preview says added / updated / unchanged as the write will (unless someone writes that 办件
 * between the two). Nothing is written.
 */

/** The fields whose difference makes an upsert an update: CHANGEABLE in store/service-case-rows.ts, by field. */
const CHANGEABLE_FIELDS = ['serviceItemId', 'windowId', 'staffId', 'applicantType', 'acceptedAt', 'finishedAt', 'status'] as const satisfies readonly (keyof ServiceCaseFields)[];

export async function previewImportLines(store: Store, unitId: string, resolved: ReturnType<typeof resolveImportLines>): Promise<ImportLineResult[]> {
  const writable = resolved.lines.filter((l) => l.outcome === 'would-write');
  // The file names each 办件编号 on one usable line at most (import-file.ts: the last line decides).
  const stored = await store.findServiceCases(unitId, writable.map((l) => resolved.fields.get(l.line)!.caseNo));
  const byLine = new Map(writable.map((l, i) => [l.line, stored[i]]));
  return resolved.lines.map((l) => {
    if (l.outcome !== 'would-write') return l;
    const fields = resolved.fields.get(l.line)!;
    const found = byLine.get(l.line) ?? null;
    if (!found) return { ...l, outcome: 'added' };
    return { ...l, id: found.id, outcome: CHANGEABLE_FIELDS.some((f) => found[f] !== fields[f]) ? 'updated' : 'unchanged' };
  });
}
