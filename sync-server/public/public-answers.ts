import { countedIds, countMonth, type Attachment2Row } from '../../src/domain/figures/attachment2';
import { notAdoptedReason } from '../../src/domain/figures/bad-review-facts';
import { monthOfCst, monthRangeCst } from '../../src/domain/figures/month';
import { isBadLevel, type LevelKey } from '../../src/domain/levels';
import type { DecisionPath, NotAdoptedReason } from '../../src/domain/case-machine';
import type { PublicMonthFigures, PublicReview, PublicReviews, PublicTrend, PublicUnits } from '../../src/domain/public-api';
import { TREND_MONTHS } from '../../src/domain/public-api';
import { monthsEndingAt, noNotAdopted, publicMonthFigures, type NotAdoptedCounts } from '../../src/domain/public-figures';
import type { AssessmentSettings } from '../../src/domain/service-case-assessments';
import { cstDate } from '../../src/domain/time';
import { ClientError } from '../errors';
import { judgedMonthFactsWithCases, type JudgedFacts } from '../figures/attachment2-report';
import type { UnitDisclosure } from '../store/public-rows';
import type { Store } from '../store/store';
import type { TtlCache } from './ttl-cache';

/**
 * The answers of /api/v1/public (issue 16), computed per request from the figures' own rules: the store's facts
 * judged as Attachment 2 judges them (attachment2-report.ts), counted by countMonth; only the unit's row is
 * used. A unit that has not switched disclosure on is unknown here (404 with the same words as a unit that does not
 * exist), so the API cannot even tell that it exists.
 */
export interface PublicContext {
  store: Store;
  settings: AssessmentSettings;
  now: () => number;
  /**
   * A unit's month as counted, by "unit|month": a month is one range of the figures' index over every unit (no
   * index starts with the unit), about a second on a province's year, so month, trend and reviews share one
   * computation per PUBLIC_FIGURES_CACHE_SECONDS. Disclosure, 工号 and approved comments are read per request.
   */
  cache: TtlCache<UnitMonth>;
}

/** A counted bad review of the month as the public side needs it. */
interface CountedBad {
  id: string;
  ratedAt: number;
  level: LevelKey;
  path: DecisionPath | null;
  notAdoptedReason: NotAdoptedReason | null;
}

export interface UnitMonth {
  row: Attachment2Row | undefined;
  notAdopted: NotAdoptedCounts;
  bad: CountedBad[];
}

// The message never repeats the id: a hidden unit and an unknown one answer byte for byte the same.
async function disclosedUnit(store: Store, unitId: string): Promise<UnitDisclosure> {
  const unit = (await store.listDisclosedUnits()).find((u) => u.unitId === unitId);
  if (!unit) throw new ClientError(404, 'NOT_FOUND', 'no such public unit');
  return unit;
}

export async function publicUnits(ctx: PublicContext): Promise<PublicUnits> {
  const [disclosed, catalog] = await Promise.all([ctx.store.listDisclosedUnits(), ctx.store.loadCatalog()]);
  const names = new Map(catalog.units.map((u) => [u.id, u.name]));
  return {
    month: monthOfCst(ctx.now()),
    units: disclosed.filter((d) => names.has(d.unitId)).map((d) => ({ id: d.unitId, name: names.get(d.unitId)! })),
  };
}

/** The month's counted bad reviews of the facts: the ratings the unit's row counted, in the month, bad. */
function countedBad(judged: JudgedFacts, month: string, settings: AssessmentSettings): CountedBad[] {
  const { from, to } = monthRangeCst(month);
  const counted = countedIds(judged.ratings, settings);
  return judged.ratings
    .filter((r) => r.ratedAt >= from && r.ratedAt < to && counted.has(r.id) && isBadLevel(r.level))
    .map((r) => {
      const path = r.badReview?.path ?? null;
      const c = judged.cases.get(r.id);
      // The category of a standing 不予采纳, read from its case the way the path is (approved decisions only).
      const category = path === 'NOT_ADOPTED' && c ? notAdoptedReason(c.facts, c.events) : null;
      return { id: r.id, ratedAt: r.ratedAt, level: r.level, path, notAdoptedReason: category };
    });
}

async function computeUnitMonth(ctx: PublicContext, unitId: string, month: string): Promise<UnitMonth> {
  const at = ctx.now();
  const judged = await judgedMonthFactsWithCases(ctx.store, month, unitId, at);
  const row = countMonth(month, judged.ratings, at, ctx.settings).rows.find((r) => r.scope === 'unit' && r.unitId === unitId);
  const bad = countedBad(judged, month, ctx.settings);
  const notAdopted = noNotAdopted();
  for (const b of bad) if (b.notAdoptedReason) notAdopted[b.notAdoptedReason] += 1;
  return { row, notAdopted, bad };
}

const unitMonth = (ctx: PublicContext, unitId: string, month: string) => ctx.cache.get(`${unitId}|${month}`, () => computeUnitMonth(ctx, unitId, month));

export async function publicMonth(ctx: PublicContext, unitId: string, month: string): Promise<PublicMonthFigures> {
  await disclosedUnit(ctx.store, unitId);
  const { row, notAdopted } = await unitMonth(ctx, unitId, month);
  return publicMonthFigures(unitId, month, row, notAdopted);
}

export async function publicTrend(ctx: PublicContext, unitId: string, last: string | undefined): Promise<PublicTrend> {
  await disclosedUnit(ctx.store, unitId);
  const months = [];
  for (const month of monthsEndingAt(last ?? monthOfCst(ctx.now()), TREND_MONTHS)) {
    const { row } = await unitMonth(ctx, unitId, month);
    const total = row?.total ?? 0;
    const satisfied = row?.satisfied ?? 0;
    months.push({ month, total, satisfied, bad: row?.bad ?? 0, satisfaction: row?.rates.satisfaction ?? { numerator: 0, denominator: 0, percent: null } });
  }
  return { unitId, months };
}

export async function publicReviews(ctx: PublicContext, unitId: string, month: string | undefined): Promise<PublicReviews> {
  const unit = await disclosedUnit(ctx.store, unitId);
  const m = month ?? monthOfCst(ctx.now());
  const counted = await unitMonth(ctx, unitId, m);
  const [rows, catalog] = await Promise.all([ctx.store.listPublicReviewRows(counted.bad.map((b) => b.id)), ctx.store.loadCatalog()]);
  const bad = new Map(counted.bad.map((r) => [r.id, r]));
  const reasons = new Map(catalog.reasons.map((r) => [r.key, r.label]));
  const windows = new Map(catalog.windows.map((w) => [w.id, w.number]));
  const staff = new Map(catalog.staff.map((s) => [s.id, s.employeeNo]));
  const reviews: PublicReview[] = [];
  for (const row of rows) {
    // Only what the figures count is published (no unchecked paper form, nothing supervision marked invalid).
    const facts = bad.get(row.id);
    if (!facts) continue;
    reviews.push({
      date: cstDate(facts.ratedAt),
      level: facts.level,
      reasons: row.reasons.map((key) => ({ key, label: reasons.get(key) ?? { 'zh-CN': key, en: key, bo: key } })),
      outcome: { path: facts.path, notAdoptedReason: facts.notAdoptedReason },
      windowNumber: windows.get(row.windowId) ?? '',
      employeeNo: unit.namesStaff && row.staffId ? (staff.get(row.staffId) ?? null) : null,
      comment: row.publishedText,
    });
  }
  return { unitId, month: m, reviews };
}
