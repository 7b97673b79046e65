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
 * Parameters: 1 from, 2 to, 3 the unit (only when `unit`). Bad ratings are found by the figures' covering index
 * (level is in it), so only they are read from the table; the service item is read through the 办件 key, and only
 * paper forms (which carry their own) touch the rating row.
 */
export function bulletinDetailsSql(unit: boolean, p: (n: number) => string): { reasons: string; items: string } {
  const range = `r.rated_at >= ${p(1)} AND r.rated_at < ${p(2)}${unit ? ` AND r.unit_id = ${p(3)}` : ''}`;
  return {
    reasons: `SELECT r.id, r.reasons_json FROM ratings r WHERE ${range} AND r.level IN ('DISSATISFIED', 'VERY_DISSATISFIED')`,
    items: `
      SELECT r.id, sc.service_item_id FROM ratings r JOIN service_cases sc ON sc.unit_id = r.unit_id AND sc.case_no = r.case_number
      WHERE ${range} AND r.case_number IS NOT NULL AND r.channel <> 'PAPER'
      UNION ALL
      SELECT r.id, COALESCE(r.service_item_id, sc.service_item_id) AS service_item_id
      FROM ratings r LEFT JOIN service_cases sc ON sc.unit_id = r.unit_id AND sc.case_no = r.case_number
      WHERE ${range} AND r.channel = 'PAPER'`,
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
