import type { ServiceCase, ServiceCaseFields } from '../../src/domain/service-case';
import type { Store } from '../store/store';
import type { ImportLineResult, resolveImportLines } from './import-to-store';

/**
 * A dry run against the store: what the real import would do to each line the catalogue accepted. The stored 办件
 * of the same key (unit, 办件编号) is read and compared on the fields an upsert may change, so the preview says
 * added / updated / unchanged as the write will (unless someone writes that 办件 between the two). Nothing is
 * written.
 */

/** The fields whose difference makes an upsert an update: CHANGEABLE in store/service-case-rows.ts, by field. */
const CHANGEABLE_FIELDS = ['serviceItemId', 'windowId', 'staffId', 'applicantType', 'acceptedAt', 'finishedAt', 'status'] as const satisfies readonly (keyof ServiceCaseFields & keyof ServiceCase)[];

/** Reads at a time: the PostgreSQL pool answers several at once; SQLite answers them in turn all the same. */
const READS_AT_ONCE = 16;

export async function previewImportLines(store: Store, resolved: ReturnType<typeof resolveImportLines>): Promise<ImportLineResult[]> {
  const out = [...resolved.lines];
  const pending = out.map((l, i) => [l, i] as const).filter(([l]) => l.outcome === 'would-write');
  for (let start = 0; start < pending.length; start += READS_AT_ONCE) {
    await Promise.all(
      pending.slice(start, start + READS_AT_ONCE).map(async ([l, i]) => {
        const fields = resolved.fields.get(l.line)!;
        const stored = await store.findServiceCase(fields.unitId, fields.caseNo);
        const outcome = !stored ? 'added' : CHANGEABLE_FIELDS.some((f) => stored[f] !== fields[f]) ? 'updated' : 'unchanged';
        out[i] = { ...l, outcome, ...(stored ? { id: stored.id } : {}) };
      }),
    );
  }
  return out;
}
