import { DEFAULT_RANKING_SETTINGS, RankingSettingsSchema, type RankingSettings } from '../../src/domain/figures/ranking-settings';
import { buildRankings, OVER_SHARE_PERCENT, quarterPeriod, runPeriods, yearPeriod, type MonthFigures } from '../../src/domain/figures/rankings';
import type { RankingsResponse } from '../../src/domain/figures/rankings-api';
import { monthOfCst, monthRangeCst } from '../../src/domain/figures/month';
import { monthFigures } from '../../src/domain/figures/rankings';
import type { AssessmentSettings } from '../../src/domain/service-case-assessments';
import { makeCalendar } from '../../src/domain/workdays';
import type { Store } from '../store/store';
import { withCaseFigures } from './attachment2-report';

/** The stored settings, or the defaults when never set (or stored by a version whose schema differs). */
export async function rankingSettings(store: Store): Promise<RankingSettings> {
  const parsed = RankingSettingsSchema.safeParse(await store.getRankingSettings());
  return parsed.success ? parsed.data : DEFAULT_RANKING_SETTINGS;
}

/** Without a quarter: the year's latest quarter that has begun (Q4 of a past year, Q1 of a future one). */
export function defaultQuarter(year: number, now: number): number {
  const current = monthOfCst(now);
  const y = Number(current.slice(0, 4));
  if (year < y) return 4;
  if (year > y) return 1;
  return Math.floor((Number(current.slice(5, 7)) - 1) / 3) + 1;
}

/**
 * The rankings and flags of `year` / `quarter` as of `now`: every month of the year and of the run that has begun is
 * counted by the Attachment 2 rules, one month at a time (only its table and adopted bad reviews are kept), then
 * ranked and flagged (src/domain/figures/rankings.ts).
 */
export async function buildRankingsReport(store: Store, year: number, quarter: number, now: number, assessment: AssessmentSettings): Promise<RankingsResponse> {
  const [settings, years, catalog] = await Promise.all([rankingSettings(store), store.listCalendarYears(), store.loadCatalog()]);
  const calendar = makeCalendar(years);
  const quarterLast = quarterPeriod(year, quarter).months[2]!;
  const current = monthOfCst(now);
  const run = runPeriods(settings, year, quarter, quarterLast < current ? quarterLast : current);
  const wanted = [...new Set([...yearPeriod(year).months, ...run.flatMap((p) => p.months)])].filter((m) => monthRangeCst(m).from <= now).sort();
  const months = new Map<string, MonthFigures>();
  for (const month of wanted) {
    const { from, to } = monthRangeCst(month);
    const facts = await store.listFigureFacts(from, to, null);
    months.set(month, monthFigures(month, withCaseFigures(facts, calendar, now), now, assessment));
  }
  const r = buildRankings(year, quarter, run, months, settings);

  const unitIds = new Set<string>();
  const windowIds = new Set<string>();
  const staffIds = new Set<string>();
  for (const p of [r.year, r.quarter, ...r.run]) {
    for (const e of [...p.units, ...p.windows]) {
      unitIds.add(e.unitId);
      if (e.windowId) windowIds.add(e.windowId);
    }
  }
  for (const f of r.flags) if (f.kind === 'STAFF_AWARD_LOST') staffIds.add(f.staffId);
  for (const e of r.ratings) {
    unitIds.add(e.unitId);
    windowIds.add(e.windowId);
    if (e.staffId) staffIds.add(e.staffId);
  }
  return {
    year, quarter, generatedAt: now, settings, overSharePercent: OVER_SHARE_PERCENT,
    yearRanking: r.year, quarterRanking: r.quarter, run: r.run, flags: r.flags, ratings: r.ratings,
    refs: {
      units: catalog.units.filter((u) => unitIds.has(u.id)).map((u) => ({ id: u.id, name: u.name })),
      windows: catalog.windows.filter((w) => windowIds.has(w.id)).map((w) => ({ id: w.id, unitId: w.unitId, number: w.number, name: w.name })),
      staff: catalog.staff.filter((s) => staffIds.has(s.id)).map((s) => ({ id: s.id, name: s.name, employeeNo: s.employeeNo })),
    },
  };
}
