// Shipped once released: never edit. Changes go into a new numbered migration.

// Public disclosure (issue 16). Nothing is public by default: a unit switches it on (units.disclosure); staff are
// named on the public page by window and 工号 only where units.disclosure_names_staff says so. A rating's comment is
// published only when the evaluator allowed it (ratings.publish_consent, asked on the kiosk and the phone page,
// default 0 = private) and a lead or the office approved it: comment_publications keeps that decision with the text
// as it was approved, already scrubbed (src/domain/scrub.ts); a declined one keeps no text.
export const MIGRATION_23_SQL = `
  ALTER TABLE units ADD COLUMN disclosure INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE units ADD COLUMN disclosure_names_staff INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE ratings ADD COLUMN publish_consent INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE comment_publications (
    rating_id TEXT PRIMARY KEY REFERENCES ratings(id),
    verdict TEXT NOT NULL CHECK (verdict IN ('APPROVED', 'DECLINED')),
    scrubbed_text TEXT,
    by_staff TEXT NOT NULL,
    at BIGINT NOT NULL
  );
`;
