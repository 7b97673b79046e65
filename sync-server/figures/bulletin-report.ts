import { countedIds, countMonth } from '../../src/domain/figures/attachment2';
import { buildBulletinFigures, type CountedDetail, type PeriodInput } from '../../src/domain/figures/bulletin';
import type { Bulletin, BulletinPeriod, BulletinScope } from '../../src/domain/figures/bulletin-api';
import { previousQuarter, quarterMonths, quarterRangeCst } from '../../src/domain/figures/quarter';
import { isBadLevel } from '../../src/domain/levels';
import type { AssessmentSettings } from '../../src/domain/service-case-assessments';
import type { Catalog, Store } from '../store/store';
import { judgedFigureFacts } from './attachment2-report';

/**
 * The quarterly bulletin (情况通报) of a scope as of `generatedAt`: each quarter's facts read once (the months' own
 * ratings and their 办件's others), each month's Attachment 2 table through countMonth, and the ratings it counted
 * joined to their reasons and service items (store/bulletin-rows.ts). The figures are bulletin.ts's.
 */
export async function buildBulletin(store: Store, quarter: string, scope: BulletinScope, generatedAt: number, settings?: AssessmentSettings): Promise<Bulletin> {
  const previous = previousQuarter(quarter);
  const [cur, prev, catalog] = await Promise.all([
    periodInput(store, quarter, scope, generatedAt, settings),
    periodInput(store, previous, scope, generatedAt, settings),
    store.loadCatalog(),
  ]);
  const figures = buildBulletinFigures(scope, cur, prev);
  return { quarter, previousQuarter: previous, generatedAt, scope, ...figures, refs: refsOf(catalog, scope, [figures.current, figures.previous]) };
}

async function periodInput(store: Store, quarter: string, scope: BulletinScope, generatedAt: number, settings?: AssessmentSettings): Promise<PeriodInput> {
  const { from, to } = quarterRangeCst(quarter);
  const unitId = scope.kind === 'all' ? null : scope.unitId;
  const [facts, extra] = await Promise.all([judgedFigureFacts(store, from, to, unitId, generatedAt), store.listBulletinDetails(from, to, unitId)]);
  const tables = quarterMonths(quarter).map((month) => countMonth(month, facts, generatedAt, settings));
  // The same rules pick the same ratings: those countMonth added to its rows (the quarter's, counted, in scope).
  const counted = countedIds(facts, settings);
  const reasons = new Map(extra.badReasons.map((r) => [r.id, r.reasons]));
  const items = new Map(extra.serviceItems.map((r) => [r.id, r.serviceItemId]));
  const details: CountedDetail[] = [];
  for (const f of facts) {
    if (f.ratedAt < from || f.ratedAt >= to || !counted.has(f.id)) continue;
    if (scope.kind === 'window' && f.windowId !== scope.windowId) continue;
    const bad = isBadLevel(f.level);
    details.push({ unitId: f.unitId, windowId: f.windowId, serviceItemId: items.get(f.id) ?? null, bad, reasons: bad ? (reasons.get(f.id) ?? []) : [] });
  }
  return { quarter, tables, details };
}

/** The names the figures mention (windows, service items; units: all but for a lead) and every reason, in all languages. */
function refsOf(catalog: Catalog, scope: BulletinScope, periods: BulletinPeriod[]): Bulletin['refs'] {
  const units = new Set<string>(scope.unitId ? [scope.unitId] : []);
  const windows = new Set<string>(scope.windowId ? [scope.windowId] : []);
  const items = new Set<string>();
  for (const p of periods) {
    for (const r of p.unitRanking ?? []) units.add(r.id);
    for (const r of [...(p.windowRanking ?? []), ...p.windows]) if (r.id) windows.add(r.id);
    for (const r of p.serviceItems) if (r.id) items.add(r.id);
  }
  // Outside a lead's window every unit is named: the page's unit picker lists them.
  return {
    units: catalog.units.filter((u) => scope.kind !== 'window' || units.has(u.id)).map((u) => ({ id: u.id, name: u.name })),
    windows: catalog.windows.filter((w) => windows.has(w.id)).map((w) => ({ id: w.id, unitId: w.unitId, number: w.number, name: w.name })),
    serviceItems: catalog.serviceItems.filter((s) => items.has(s.id)).map((s) => ({ id: s.id, name: s.name })),
    reasons: catalog.reasons,
  };
}
