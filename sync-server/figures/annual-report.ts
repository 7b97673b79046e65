import type { Catalog } from '../../src/domain/catalog';
import type { AnnualReport } from '../../src/domain/figures/annual-api';
import { groupAnnual, sumSubtotals, type AnnualOrder } from '../../src/domain/figures/annual-groups';
import { annualEntry, yearRangeCst, type AnnualEntry } from '../../src/domain/figures/annual-report';
import { countedIds, type RatingFacts } from '../../src/domain/figures/attachment2';
import type { ReportScope } from '../../src/domain/roles';
import type { AssessmentSettings } from '../../src/domain/service-case-assessments';
import { makeCalendar } from '../../src/domain/workdays';
import type { Store } from '../store/store';

/**
 * The annual rectification report of `year` (of one unit, or of every unit in `scope`) as of `generatedAt`: the
 * store's bad reviews with their cases, whether each counts in the figures (countedIds over the reviews and their
 * 办件's other ratings, the same rules as Attachment 2), each case replayed and judged at that instant
 * (src/domain/figures/annual-report.ts), grouped by unit and window in the catalogue's order.
 */
export async function buildAnnualReport(
  store: Store,
  opts: { year: number; unitId: string | null; scope: ReportScope; generatedAt: number; settings: AssessmentSettings },
): Promise<AnnualReport> {
  const { from, to } = yearRangeCst(opts.year);
  // A lead's scope is one window: their unit is read and narrowed to it below.
  const unitId = opts.scope.kind === 'window' ? opts.scope.unitId : opts.unitId;
  const [facts, years, catalog] = await Promise.all([store.listAnnualFacts(from, to, unitId), store.listCalendarYears(), store.loadCatalog()]);
  const calendar = makeCalendar(years);
  const all = new Map<string, RatingFacts>();
  for (const r of facts.related) all.set(r.id, r);
  for (const r of facts.reviews) all.set(r.figure.id, r.figure);
  const counted = countedIds([...all.values()], opts.settings);
  const cases = new Map(facts.cases.map((c) => [c.facts.id, c]));
  const scope = opts.scope;
  const entries: AnnualEntry[] = [];
  for (const { rating, figure } of facts.reviews) {
    if (scope.kind === 'window' && rating.windowId !== scope.windowId) continue;
    const c = cases.get(rating.id);
    if (!c) continue;
    entries.push(annualEntry({ rating, facts: c.facts, events: c.events, counted: counted.has(rating.id), invalid: figure.invalid }, calendar, opts.generatedAt));
  }
  const units = groupAnnual(entries, catalogOrder(catalog));
  return {
    year: opts.year,
    generatedAt: opts.generatedAt,
    unitId,
    units,
    total: sumSubtotals(units.map((u) => u.subtotal)),
    refs: refsFor(entries, catalog, opts.scope),
  };
}

function catalogOrder(catalog: Catalog): AnnualOrder {
  const units = new Map(catalog.units.map((u, i) => [u.id, i]));
  const windows = new Map([...catalog.windows].sort((a, b) => a.sortOrder - b.sortOrder).map((w, i) => [w.id, i]));
  return { unit: (id) => units.get(id) ?? Number.MAX_SAFE_INTEGER, window: (id) => windows.get(id) ?? Number.MAX_SAFE_INTEGER };
}

/**
 * The names the entries need: their windows, items, reasons, and the staff rated or handling (no evaluator); the
 * units are every unit of the scope (the screen's unit picker), each unit with an entry whatever its state.
 */
function refsFor(entries: readonly AnnualEntry[], catalog: Catalog, scope: ReportScope): AnnualReport['refs'] {
  const unitIds = new Set(scope.kind === 'window' ? [scope.unitId] : catalog.units.filter((u) => u.active).map((u) => u.id));
  const windowIds = new Set<string>();
  const staffIds = new Set<string>();
  const itemIds = new Set<string>();
  for (const e of entries) {
    unitIds.add(e.rating.unitId);
    windowIds.add(e.rating.windowId);
    if (e.rating.staffId) staffIds.add(e.rating.staffId);
    if (e.rating.serviceItemId) itemIds.add(e.rating.serviceItemId);
    for (const who of [e.callBack?.by, e.decision?.by, e.decision?.approverId, e.decision?.approved?.by, e.rectification?.by, e.reply?.by]) if (who) staffIds.add(who);
  }
  return {
    units: catalog.units.filter((u) => unitIds.has(u.id)).map((u) => ({ id: u.id, name: u.name })),
    windows: catalog.windows.filter((w) => windowIds.has(w.id)).map((w) => ({ id: w.id, unitId: w.unitId, number: w.number, name: w.name })),
    staff: catalog.staff.filter((s) => staffIds.has(s.id)).map((s) => ({ id: s.id, name: s.name })),
    reasons: catalog.reasons,
    serviceItems: catalog.serviceItems.filter((i) => itemIds.has(i.id)).map((i) => ({ id: i.id, name: i.name })),
  };
}
