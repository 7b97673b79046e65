/**
 * What the quarterly bulletin (issue 15) reads besides the figures' facts: the reasons of the bad ratings and the
 * service item of each rating that has one, for a period. The bulletin keeps of these only the ratings countMonth
 * counted (sync-server/figures/bulletin-report.ts). One SQL for both stores, each giving its parameter mark.
 */
export interface BulletinDetails {
  /** Bad ratings rated in the period: their reason keys. */
  badReasons: { id: string; reasons: string[] }[];
  /** Ratings rated in the period that name a service item: a paper form's own, else their 办件's. */
  serviceItems: { id: string; serviceItemId: string }[];
}

export interface BulletinStore {
  /** The period [from, to) of one unit or (null) of all. No migration: the rated_at indexes and service_cases' (unit_id, case_no) key. */
  listBulletinDetails(from: number, to: number, unitId: string | null): Promise<BulletinDetails>;
}

/**
 * Parameters: 1 from, 2 to, 3 the unit (only when `unit`). The period's bad ratings and paper forms are picked from
 * the figures' covering index (level and channel are in it) by id, so only those rows are read from the table: a
 * plain WHERE on level would read every rating of the period through ratings_rated (SQLite's plan) to test it. The
 * service item of the others is read through the 办件 key alone.
 */
export function bulletinDetailsSql(unit: boolean, p: (n: number) => string): { reasons: string; items: string } {
  const range = (t: string) => `${t}.rated_at >= ${p(1)} AND ${t}.rated_at < ${p(2)}${unit ? ` AND ${t}.unit_id = ${p(3)}` : ''}`;
  const ids = (where: string) => `r.id IN (SELECT f.id FROM ratings f WHERE ${range('f')} AND ${where})`;
  return {
    reasons: `SELECT r.id, r.reasons_json FROM ratings r WHERE ${ids(`f.level IN ('DISSATISFIED', 'VERY_DISSATISFIED')`)}`,
    items: `
      SELECT r.id, sc.service_item_id FROM ratings r JOIN service_cases sc ON sc.unit_id = r.unit_id AND sc.case_no = r.case_number
      WHERE ${range('r')} AND r.case_number IS NOT NULL AND r.channel <> 'PAPER'
      UNION ALL
      SELECT r.id, COALESCE(r.service_item_id, sc.service_item_id) AS service_item_id
      FROM ratings r LEFT JOIN service_cases sc ON sc.unit_id = r.unit_id AND sc.case_no = r.case_number
      WHERE ${ids(`f.channel = 'PAPER'`)}`,
  };
}

export function bulletinDetailsFromRows(reasonRows: { id: string; reasons_json: string }[], itemRows: { id: string; service_item_id: string | null }[]): BulletinDetails {
  return {
    badReasons: reasonRows.map((r) => ({ id: r.id, reasons: parseReasons(r.reasons_json) })),
    serviceItems: itemRows.flatMap((r) => (r.service_item_id === null ? [] : [{ id: r.id, serviceItemId: r.service_item_id }])),
  };
}

function parseReasons(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
}
