import { countMonth, type Attachment2 } from '../../src/domain/figures/attachment2';
import type { MonthCloseListItem, MonthCloseResponse, MonthClosesResponse, MonthCloseVersion } from '../../src/domain/figures/month-close-api';
import { CORRECTIONS_CHECKED_MONTHS, CORRECTIONS_LISTED_MAX } from '../../src/domain/figures/month-close-api';
import {
  closeDates, closeStatus, diffSignatures, diffTables, monthsToClose, signMonth, type RatingChange, type RatingSignature, type RowChange,
} from '../../src/domain/figures/month-close';
import type { AssessmentSettings } from '../../src/domain/service-case-assessments';
import type { Catalog } from '../../src/domain/catalog';
import type { MonthCloseHead, StoredMonthClose } from '../store/month-close-rows';
import type { Store } from '../store/store';
import { judgedMonthFacts } from './attachment2-report';

/**
 * Month close (issue 15) over the store: the live figures of a month and their signatures, read together from one
 * set of facts judged now; the list of months with their status; one month's versions against the live figures.
 * The rules are src/domain/figures/month-close.ts; the routes are routes/month-closes.ts.
 */

export interface LiveMonth {
  table: Attachment2;
  signatures: RatingSignature[];
}

export async function liveMonth(store: Store, month: string, unitId: string | null, now: number, settings: AssessmentSettings): Promise<LiveMonth> {
  const facts = await judgedMonthFacts(store, month, unitId, now);
  return { table: countMonth(month, facts, now, settings), signatures: signMonth(month, facts, settings) };
}

/** What changed since a snapshot: cells per row and the ratings that caused them. */
export function corrections(snapshot: StoredMonthClose, live: LiveMonth): { rows: RowChange[]; ratings: RatingChange[] } {
  return { rows: diffTables(snapshot.rows, live.table.rows), ratings: diffSignatures(snapshot.signatures, live.signatures) };
}

export function versionOf(head: MonthCloseHead, catalog: Catalog): MonthCloseVersion {
  const by = catalog.staff.find((s) => s.id === head.submittedBy);
  return {
    version: head.version,
    submittedAt: head.submittedAt,
    generatedAt: head.generatedAt,
    submittedBy: { id: head.submittedBy, name: by?.name ?? head.submittedBy },
    late: head.submittedAt >= closeDates(head.month).deadline,
  };
}

/** The versions of one month in a scope, oldest first. */
export const versionsOf = (store: Store, month: string, unitId: string | null) => store.listMonthCloseVersions(unitId, month, month);

/**
 * The office's months (newest first) with their status; with `withCorrections`, how many ratings changed since the
 * latest version, for the CORRECTIONS_CHECKED_MONTHS newest submitted months (each is a month's read).
 */
export async function listMonthCloses(store: Store, unitId: string | null, now: number, withCorrections: boolean, settings: AssessmentSettings): Promise<MonthClosesResponse> {
  const months = monthsToClose(now, await store.firstRatingAt());
  const [heads, catalog] = await Promise.all([store.listMonthCloseVersions(unitId, months[months.length - 1]!, months[0]!), store.loadCatalog()]);
  const byMonth = new Map<string, MonthCloseHead[]>();
  for (const h of heads) byMonth.set(h.month, [...(byMonth.get(h.month) ?? []), h]);
  const items: MonthCloseListItem[] = [];
  let checks = withCorrections ? CORRECTIONS_CHECKED_MONTHS : 0;
  for (const month of months) {
    const versions = byMonth.get(month) ?? [];
    const latest = versions[versions.length - 1];
    let changed: number | null = null;
    if (checks > 0 && latest) {
      checks -= 1;
      const snapshot = await store.getMonthClose(month, unitId, latest.version);
      if (snapshot) changed = diffSignatures(snapshot.signatures, (await liveMonth(store, month, unitId, now, settings)).signatures).length;
    }
    const { dueFrom, deadline } = closeDates(month);
    items.push({ month, dueFrom, deadline, status: closeStatus(month, now, versions[0]?.submittedAt ?? null), latest: latest ? versionOf(latest, catalog) : null, corrections: changed });
  }
  const reminder = items.flatMap((i) => (i.status === 'due' || i.status === 'overdue' ? [{ month: i.month, deadline: i.deadline, status: i.status }] : []));
  return { now, unitId, months: items, reminder };
}

/** One month: its versions, the live table against the latest snapshot, and the ratings that changed it. */
export async function monthCloseDetail(store: Store, month: string, unitId: string | null, now: number, settings: AssessmentSettings): Promise<MonthCloseResponse> {
  const [heads, catalog, live] = await Promise.all([versionsOf(store, month, unitId), store.loadCatalog(), liveMonth(store, month, unitId, now, settings)]);
  const latest = heads[heads.length - 1];
  const snapshot = latest ? await store.getMonthClose(month, unitId, latest.version) : null;
  const diff = snapshot ? corrections(snapshot, live) : { rows: [], ratings: [] };
  const { dueFrom, deadline } = closeDates(month);
  // Names of what the tables and the listed ratings refer to (staff of the hall: never an evaluator's).
  const shown = diff.ratings.slice(0, CORRECTIONS_LISTED_MAX);
  const units = new Set<string>();
  const windows = new Set<string>();
  const staff = new Set<string>();
  const note = (r: { unitId: string | null; windowId: string | null; staffId: string | null }) => {
    if (r.unitId) units.add(r.unitId);
    if (r.windowId) windows.add(r.windowId);
    if (r.staffId) staff.add(r.staffId);
  };
  for (const r of [...live.table.rows, ...(snapshot?.rows ?? [])]) note(r);
  for (const c of shown) note((c.after ?? c.before)!);
  return {
    month,
    unitId,
    dueFrom,
    deadline,
    status: closeStatus(month, now, heads[0]?.submittedAt ?? null),
    versions: heads.map((h) => versionOf(h, catalog)),
    snapshot: snapshot ? { version: snapshot.version, generatedAt: snapshot.generatedAt, rows: snapshot.rows } : null,
    live: { generatedAt: now, rows: live.table.rows },
    changedRows: diff.rows,
    corrections: shown,
    correctionsTotal: diff.ratings.length,
    canSubmit: now >= dueFrom,
    refs: {
      units: catalog.units.filter((u) => units.has(u.id)).map((u) => ({ id: u.id, name: u.name })),
      windows: catalog.windows.filter((w) => windows.has(w.id)).map((w) => ({ id: w.id, number: w.number, name: w.name })),
      staff: catalog.staff.filter((s) => staff.has(s.id)).map((s) => ({ id: s.id, name: s.name, employeeNo: s.employeeNo })),
    },
  };
}
