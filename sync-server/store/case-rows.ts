import type { CaseAction, CaseFacts } from '../../src/domain/case-machine';
import type { CalendarYear } from '../../src/domain/workdays';
import type { StoredCaseEvent } from './store';

/** Rows of cases, case_events and calendar_years as every SQL store reads them (same columns in each schema). */
type Row = Record<string, any>;

export const factsFromRow = (r: Row): CaseFacts => ({
  id: r.id,
  staffId: r.staff_id,
  windowId: r.window_id,
  unitId: r.unit_id,
  anonymous: r.anonymous === 1,
  receivedAt: r.received_at,
});

export const eventFromRow = (r: Row): StoredCaseEvent => ({
  seq: r.seq,
  id: r.id,
  action: JSON.parse(r.action_json) as CaseAction,
  by: r.by_staff,
  at: r.at,
  payloadHash: r.payload_hash,
  receivedAt: r.received_at,
});

export const calendarYearFromRow = (r: Row): CalendarYear => ({
  year: r.year,
  holidays: JSON.parse(r.holidays_json),
  workdays: JSON.parse(r.workdays_json),
  source: r.source,
});

/** Events grouped by case, each list in the order the rows came (the query orders them by seq). */
export function eventsByCase(rows: Row[]): Map<string, StoredCaseEvent[]> {
  const byCase = new Map<string, StoredCaseEvent[]>();
  for (const e of rows) {
    const list = byCase.get(e.case_id) ?? [];
    list.push(eventFromRow(e));
    byCase.set(e.case_id, list);
  }
  return byCase;
}
