// Shipped once released: never edit. Changes go into a new numbered migration.

/**
 * Rating links of the phone page (issue 14, `/r/<token>`): one row per link, found by the SHA-256 of its token; the
 * token itself is never stored (it is derived again under the server key when the link is asked for: see
 * store/rating-link-rows.ts). A SERVICE_CASE link names its 办件, a WINDOW link (a QR posted at a window) none.
 * The unique token hash makes "the same link each time" hold between instances asking at once. A 办件's ratings are
 * read by (unit, 办件编号), hence the index on ratings. `time` as in migration 016 (BIGINT in PostgreSQL's 007).
 */
export const ratingLinksSql = (time: string) => `
  CREATE TABLE rating_links (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('SERVICE_CASE', 'WINDOW')),
    unit_id TEXT NOT NULL REFERENCES units(id),
    window_id TEXT NOT NULL REFERENCES windows(id),
    service_case_id TEXT REFERENCES service_cases(id),
    created_at ${time} NOT NULL,
    created_by TEXT,
    CHECK ((kind = 'SERVICE_CASE') = (service_case_id IS NOT NULL))
  );
  CREATE INDEX rating_links_service_case ON rating_links(service_case_id) WHERE service_case_id IS NOT NULL;
  CREATE INDEX ratings_unit_case ON ratings(unit_id, case_number) WHERE case_number IS NOT NULL;
`;

export const MIGRATION_19_SQL = ratingLinksSql('INTEGER');
