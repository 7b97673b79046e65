import { caseCountsSql } from '../sql-rules';
import type { RatingScope } from '../../../src/domain/roles';
import { calendarYearFromRow, eventFromRow, eventsByCase, factsFromRow } from '../case-rows';
import type { CaseStore, StoredCase } from '../store';
import type { PgDb, PgQueryable } from './pg-db';
import { insertRows } from './pg-rows';

type Row = Record<string, any>;

const EVENT_COLUMNS = ['id', 'case_id', 'payload_hash', 'action_json', 'by_staff', 'at', 'received_at'];

/** The scope's condition, its parameters starting at $1. */
const where = (scope: RatingScope): [string, unknown[]] =>
  scope.kind === 'all' ? ['TRUE', []] : scope.kind === 'window' ? ['window_id = $1', [scope.windowId]] : ['staff_id = $1', [scope.staffId]];

/** Bad-review cases on PostgreSQL: appends from several instances take turns on the case rows' locks. */
export function pgCases(db: PgDb): CaseStore {
  const withEvents = async (rows: Row[]): Promise<StoredCase[]> => {
    if (rows.length === 0) return [];
    const events = eventsByCase(await db.query('SELECT * FROM case_events WHERE case_id = ANY($1::text[]) ORDER BY seq', [rows.map((r) => r.id)]));
    return rows.map((r) => ({ facts: factsFromRow(r), events: events.get(r.id) ?? [] }));
  };
  return {
    async listCases(scope, opts = {}) {
      const [cond, params] = where(scope);
      const since = `$${params.length + 1}`;
      // id breaks the ties of cases opened by one batch (one arrival time): the same order on every read.
      const rows = await db.query(`SELECT * FROM cases WHERE ${cond} AND (closed_at IS NULL OR closed_at >= ${since}) ORDER BY received_at, id COLLATE "C"`, [
        ...params,
        opts.closedSince ?? 0,
      ]);
      return withEvents(rows);
    },
    async caseCounts(scope) {
      const [cond, params] = where(scope);
      const row = (await db.query(caseCountsSql(cond), params))[0];
      return { open: row.open, latestReceivedAt: row.latest };
    },
    async getCase(id) {
      const rows = await db.query('SELECT * FROM cases WHERE id = $1', [id]);
      return (await withEvents(rows))[0] ?? null;
    },
    async findCaseEvent(id) {
      const row = (await db.query('SELECT * FROM case_events WHERE id = $1', [id]))[0];
      return row ? eventFromRow(row) : null;
    },
    async appendCaseEvents(items, receivedAt) {
      if (items.length === 0) return true;
      return db.tx(async (c) => {
        const caseIds = [...new Set(items.map((i) => i.caseId))].sort();
        // Each case row locked, in one order for every caller (no deadlock between two appends on the same cases):
        // a concurrent append waits here until the other commits, then counts that one's events too.
        await c.query('SELECT id FROM cases WHERE id = ANY($1::text[]) ORDER BY id COLLATE "C" FOR UPDATE', [caseIds]);
        const counts = await eventCounts(c, caseIds);
        for (const item of items) {
          // Earlier items of this call are counted too: expectedEvents includes them.
          const n = counts.get(item.caseId) ?? 0;
          // Checked before anything is written, so a refusal leaves nothing to roll back.
          if (n !== item.expectedEvents) return false;
          counts.set(item.caseId, n + 1);
        }
        await insertRows(
          c, 'case_events', EVENT_COLUMNS,
          items.map((i) => ({
            id: i.event.id, case_id: i.caseId, payload_hash: i.payloadHash, action_json: JSON.stringify(i.event.action), by_staff: i.event.by,
            at: i.event.at, received_at: receivedAt,
          })),
        );
        // Each item sets its case's closing time: the last item of a case has the final word.
        const closedAt = new Map(items.map((i) => [i.caseId, i.closedAt]));
        await c.query(
          'UPDATE cases SET closed_at = u.closed_at FROM unnest($1::text[], $2::bigint[]) AS u(id, closed_at) WHERE cases.id = u.id',
          [[...closedAt.keys()], [...closedAt.values()]],
        );
        return true;
      });
    },
    async listCalendarYears() {
      return (await db.query('SELECT * FROM calendar_years ORDER BY year')).map(calendarYearFromRow);
    },
    async putCalendarYear(y, by, at) {
      await db.query(
        `INSERT INTO calendar_years (year, holidays_json, workdays_json, source, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (year) DO UPDATE SET holidays_json = excluded.holidays_json, workdays_json = excluded.workdays_json,
           source = excluded.source, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [y.year, JSON.stringify(y.holidays), JSON.stringify(y.workdays), y.source, at, by],
      );
    },
  };
}

/** Events stored per case, read after the case rows are locked (READ COMMITTED: this statement sees the last commit). */
async function eventCounts(c: PgQueryable, caseIds: string[]): Promise<Map<string, number>> {
  const rows = await c.query<{ case_id: string; n: number }>('SELECT case_id, COUNT(*) AS n FROM case_events WHERE case_id = ANY($1::text[]) GROUP BY case_id', [caseIds]);
  return new Map(rows.map((r) => [r.case_id, r.n]));
}
