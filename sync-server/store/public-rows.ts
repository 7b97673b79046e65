/**
 * What /public reads beyond the figures (issue 16): which units disclose, and the month's bad reviews with the
 * comment only as a lead or the office approved it. One SQL for both stores. The SELECT names its columns: no
 * contact, no photo, no other_reason, no comment column of the rating itself can ever reach the public side.
 */
export interface UnitDisclosure {
  unitId: string;
  /** units.disclosure_names_staff: the page may show the rated staff member's 工号. */
  namesStaff: boolean;
}

export interface PublicReviewRow {
  id: string;
  reasons: string[];
  windowId: string;
  staffId: string | null;
  /** comment_publications.scrubbed_text of an APPROVED publication of a consenting evaluator's comment; else null. */
  publishedText: string | null;
}

export interface PublicStore {
  /** The units whose disclosure is on (units.disclosure = 1), in id order. */
  listDisclosedUnits(): Promise<UnitDisclosure[]>;
  /**
   * These bad ratings (the ones the figures counted, by id: primary-key reads, never a scan of the month), in
   * rating-time order; ids not found are left out.
   */
  listPublicReviewRows(ids: readonly string[]): Promise<PublicReviewRow[]>;
}

export const DISCLOSED_UNITS_SQL = `SELECT id, disclosure_names_staff FROM units WHERE disclosure = 1 ORDER BY id`;

/**
 * `idsIn`: each store's "r.id is one of the ids given as parameter 1" (json_each in SQLite, ANY in PostgreSQL).
 * The consent is checked again here: an approval alone publishes nothing.
 */
export const publicReviewRowsSql = (idsIn: string) => `
  SELECT r.id, r.reasons_json, r.window_id, r.staff_id, CASE WHEN r.publish_consent = 1 THEN cp.scrubbed_text END AS published_text
  FROM ratings r LEFT JOIN comment_publications cp ON cp.rating_id = r.id AND cp.verdict = 'APPROVED'
  WHERE ${idsIn} AND r.level IN ('DISSATISFIED', 'VERY_DISSATISFIED')
  ORDER BY r.rated_at, r.id`;

export interface PublicReviewSqlRow {
  id: string;
  reasons_json: string;
  window_id: string;
  staff_id: string | null;
  published_text: string | null;
}

export const disclosureFromRow = (r: { id: string; disclosure_names_staff: number }): UnitDisclosure => ({ unitId: r.id, namesStaff: Number(r.disclosure_names_staff) === 1 });

export const publicReviewFromRow = (r: PublicReviewSqlRow): PublicReviewRow => ({
  id: r.id, reasons: JSON.parse(r.reasons_json) as string[], windowId: r.window_id, staffId: r.staff_id, publishedText: r.published_text,
});
