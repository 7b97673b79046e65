import { caseCountsSql } from '../sql-rules';
import type Database from 'better-sqlite3';
import type { RatingScope } from '../../../src/domain/roles';
import { calendarYearFromRow, eventFromRow, eventsByCase, factsFromRow } from '../case-rows';
import type { CaseStore, StoredCase, StoredCaseEvent } from '../store';

type Row = Record<string, any>;

export function sqliteCases(db: Database.Database): CaseStore {
  const eventsOf = db.prepare('SELECT * FROM case_events WHERE case_id = ? ORDER BY seq');
  const withEvents = (rows: Row[]): StoredCase[] => {
    if (rows.length === 0) return [];
    const byCase = new Map<string, StoredCaseEvent[]>();
    const ids = rows.map((r) => r.id);
    // One query for the events of every case listed, in chunks below SQLite's parameter limit.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const eventRows = db.prepare(`SELECT * FROM case_events WHERE case_id IN (${chunk.map(() => '?').join(',')}) ORDER BY seq`).all(...chunk) as Row[];
      for (const [caseId, events] of eventsByCase(eventRows)) byCase.set(caseId, events);
    }
    return rows.map((r) => ({ facts: factsFromRow(r), events: byCase.get(r.id) ?? [] }));
  };
  // The scope's condition and its parameter, for the list and the counts alike.
  const where = (scope: RatingScope): [string, unknown[]] =>
    scope.kind === 'all' ? ['1 = 1', []] : scope.kind === 'window' ? ['window_id = ?', [scope.windowId]] : ['staff_id = ?', [scope.staffId]];
  return {
    async listCases(scope, opts = {}) {
      const [cond, params] = where(scope);
      const since = opts.closedSince ?? 0;
      const rows = db.prepare(`SELECT * FROM cases WHERE ${cond} AND (closed_at IS NULL OR closed_at >= ?) ORDER BY received_at`).all(...params, since);
      return withEvents(rows as Row[]);
    },
    async caseCounts(scope) {
      const [cond, params] = where(scope);
      const row = db.prepare(caseCountsSql(cond)).get(...params, ...params) as Row;
      return { open: row.open ?? 0, latestReceivedAt: row.latest ?? null };
    },
    async getCase(id) {
      const row = db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as Row | undefined;
      return row ? { facts: factsFromRow(row), events: (eventsOf.all(id) as Row[]).map(eventFromRow) } : null;
    },
    async findCaseEvent(id) {
      const row = db.prepare('SELECT * FROM case_events WHERE id = ?').get(id) as Row | undefined;
      return row ? eventFromRow(row) : null;
    },
    async appendCaseEvents(items, receivedAt) {
      const count = db.prepare('SELECT COUNT(*) FROM case_events WHERE case_id = ?').pluck();
      const insert = db.prepare('INSERT INTO case_events (id, case_id, payload_hash, action_json, by_staff, at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const setClosed = db.prepare('UPDATE cases SET closed_at = ? WHERE id = ?');
      try {
        db.transaction(() => {
          for (const item of items) {
            // Earlier inserts of this batch are counted too: expectedEvents includes them.
            if ((count.get(item.caseId) as number) !== item.expectedEvents) throw new CaseChanged();
            insert.run(item.event.id, item.caseId, item.payloadHash, JSON.stringify(item.event.action), item.event.by, item.event.at, receivedAt);
            setClosed.run(item.closedAt, item.caseId);
          }
        }).immediate();
        return true;
      } catch (err) {
        if (err instanceof CaseChanged) return false;
        throw err;
      }
    },
    async listCalendarYears() {
      return (db.prepare('SELECT * FROM calendar_years ORDER BY year').all() as Row[]).map(calendarYearFromRow);
    },
    async putCalendarYear(y, by, at) {
      db.prepare(
        `INSERT INTO calendar_years (year, holidays_json, workdays_json, source, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(year) DO UPDATE SET holidays_json = excluded.holidays_json, workdays_json = excluded.workdays_json,
           source = excluded.source, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ).run(y.year, JSON.stringify(y.holidays), JSON.stringify(y.workdays), y.source, at, by);
    },
  };
}

/** Thrown inside the transaction to roll it back when a case moved on since it was read. */
class CaseChanged extends Error {}
