import type Database from 'better-sqlite3';
import { scrubText } from '../../../src/domain/scrub';
import type { ContactCipher } from '../../crypto/contact-cipher';
import { paperDuplicateText } from '../../canonical';

// Shipped once released: never edit. Changes go into a new numbered migration.

/**
 * Nothing stored may be undone from the database alone. Version 6 kept a plain SHA-256 of each whole record
 * (contact and comment included) beside the masked columns, so the four hidden digits of a phone could be tried
 * in milliseconds; and comments, where citizens write their numbers too, were in the clear.
 */
export const MIGRATION_7_SQL_BEFORE = `
  ALTER TABLE ratings ADD COLUMN comment_enc TEXT;
  ALTER TABLE ratings ADD COLUMN comment_scrubbed TEXT;
  ALTER TABLE ratings ADD COLUMN paper_fingerprint TEXT;
  ALTER TABLE rating_conflicts ADD COLUMN comment_enc TEXT;
`;

export const MIGRATION_7_SQL_AFTER = `
  ALTER TABLE ratings DROP COLUMN comment;
  CREATE INDEX ratings_paper_fingerprint ON ratings(paper_fingerprint) WHERE paper_fingerprint IS NOT NULL;
`;

interface OldRating {
  id: string;
  payload_hash: string;
  comment: string | null;
  contact_enc: string | null;
  channel: string;
  case_number: string | null;
  level: string;
}

/**
 * Keys every stored digest (the new value is the fingerprint of the old one, which is exactly what the store
 * computes for a new record: an identical replay stays a duplicate), encrypts comments with a scrubbed copy for
 * lists, and fingerprints paper forms for the duplicate check.
 */
export function keyDigestsAndEncryptComments(db: Database.Database, cipher: ContactCipher) {
  const page = db.prepare('SELECT seq, id, payload_hash, comment, contact_enc, channel, case_number, level FROM ratings WHERE seq > ? ORDER BY seq LIMIT 2000');
  const update = db.prepare('UPDATE ratings SET payload_hash = ?, comment_enc = ?, comment_scrubbed = ?, paper_fingerprint = ?, comment = NULL WHERE id = ?');
  // In pages: a statement cannot write while another still reads, and a hall's years of ratings need not sit in memory.
  for (let after = 0; ; ) {
    const rows = page.all(after) as (OldRating & { seq: number })[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const paper =
        r.channel === 'PAPER' && r.case_number !== null
          ? cipher.fingerprint(paperDuplicateText(r.case_number, r.level, r.contact_enc ? cipher.decrypt(r.contact_enc) : null))
          : null;
      update.run(
        cipher.fingerprint(r.payload_hash),
        r.comment === null ? null : cipher.encryptText(r.comment),
        r.comment === null ? null : scrubText(r.comment),
        paper,
        r.id,
      );
    }
    after = rows[rows.length - 1].seq;
  }

  const conflicts = db.prepare('SELECT id, payload_hash, payload_json FROM rating_conflicts').all() as { id: number; payload_hash: string; payload_json: string }[];
  const updateConflict = db.prepare('UPDATE rating_conflicts SET payload_hash = ?, payload_json = ?, comment_enc = ? WHERE id = ?');
  for (const c of conflicts) {
    const payload = JSON.parse(c.payload_json) as { comment?: string };
    const full = typeof payload.comment === 'string' ? payload.comment : null;
    if (full !== null) payload.comment = scrubText(full);
    updateConflict.run(cipher.fingerprint(c.payload_hash), JSON.stringify(payload), full === null ? null : cipher.encryptText(full), c.id);
  }

  // The photo digest (it tells a repeated upload from a different photo) is keyed too, for the same reason.
  const photos = db.prepare('SELECT rating_id, sha256 FROM rating_photos').all() as { rating_id: string; sha256: string }[];
  const updatePhoto = db.prepare('UPDATE rating_photos SET sha256 = ? WHERE rating_id = ?');
  for (const p of photos) updatePhoto.run(cipher.fingerprint(p.sha256), p.rating_id);
}
