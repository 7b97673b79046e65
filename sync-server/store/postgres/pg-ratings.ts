import type { ContactCipher } from '../../crypto/contact-cipher';
import {
  CONFLICT_COLUMNS, conflictFromRow, fromRatingRow, paperFingerprint, photoFingerprint, RATING_COLUMNS, toConflictRow, toRatingRow,
  type ConflictRow, type RatingRow,
} from '../rating-row';
import { COUNTED } from '../sql-rules';
import type { InsertOutcome, RatingStore } from '../store';
import { pgInvitationLinks } from './pg-invitations';
import type { PgDb } from './pg-db';
import { classifyInserted, insertRows } from './pg-rows';

const CASE_COLUMNS = ['id', 'staff_id', 'window_id', 'unit_id', 'anonymous', 'received_at'];

/** Ratings on PostgreSQL: several instances write at once; the unique id and READ COMMITTED decide who stored first. */
export function pgRatings(db: PgDb, cipher: ContactCipher): RatingStore {
  const ratings = async (sql: string, params: unknown[]) => (await db.query<RatingRow>(sql, params)).map(fromRatingRow);
  const one = async (column: string, id: string) => (await db.query(`SELECT ${column} AS v FROM ratings WHERE id = $1`, [id]))[0]?.v ?? null;

  return {
    async insertRatings(batch) {
      // Encrypted and keyed before the transaction opens: the CPU work does not hold a connection in a transaction.
      const all = batch.items.map(({ record, hash: digest, opensCase }) => {
        // Only the keyed fingerprint is stored: a plain digest of a record holding a phone can be reversed.
        const hash = cipher.fingerprint(digest);
        return { record, hash, opensCase, row: toRatingRow(record, hash, batch, cipher) };
      });
      return db.tx(async (c) => {
        // Ratings whose session id is another window's or 办件's invitation are refused before the insert.
        const invitations = await pgInvitationLinks(c, all.map((it) => it.record));
        const refused = all.map((it) => invitations.check(it.record) !== 'ok');
        const items = all.filter((_, i) => !refused[i]);
        // A second writer of the same id waits on the unique index until the first commits, then skips it: one row.
        // So does a rating whose session id another rating holds (ratings_one_per_session): an invitation is used once.
        const inserted = await insertRows<{ id: string }>(c, 'ratings', RATING_COLUMNS, items.map((it) => it.row), 'ON CONFLICT DO NOTHING RETURNING id');
        const outcomes = await classifyInserted(
          items,
          (it) => it.record.id,
          inserted.map((r) => r.id),
          async (ids) => {
            const rows = await c.query<{ id: string; payload_hash: string }>('SELECT id, payload_hash FROM ratings WHERE id = ANY($1::text[])', [ids]);
            return new Map(rows.map((r) => [r.id, r.payload_hash]));
          },
          (it, storedHash) => it.hash === storedHash,
          () => 'invitation-used' as const,
        );
        await invitations.link(items.filter((_, i) => outcomes[i] === 'accepted').map((it) => it.record), batch);
        // The case the rules decided on (store/rules/case-opening.ts), in the same transaction as its rating.
        const cases = items.filter((it, i) => outcomes[i] === 'accepted' && it.opensCase);
        await insertRows(
          c, 'cases', CASE_COLUMNS,
          cases.map(({ record, opensCase }) => ({
            id: record.id, staff_id: record.staffId ?? null, window_id: record.windowId, unit_id: record.unitId,
            anonymous: opensCase!.anonymous ? 1 : 0, received_at: batch.receivedAt,
          })),
        );
        const conflicts = items.filter((_, i) => outcomes[i] === 'conflict').map(({ record, hash }) => toConflictRow(record, hash, batch, cipher));
        await insertRows(c, 'rating_conflicts', CONFLICT_COLUMNS, conflicts, 'ON CONFLICT (rating_id, payload_hash) DO NOTHING');
        let next = 0;
        return refused.map((r): InsertOutcome => (r ? 'invitation-mismatch' : outcomes[next++]));
      });
    },
    async listRatings(afterSeq, limit) {
      return ratings(`SELECT * FROM ratings WHERE seq > $1 AND ${COUNTED} ORDER BY seq LIMIT $2`, [afterSeq, limit]);
    },
    async listRatingsInScope(scope, { before, limit }) {
      const upper = before ?? Number.MAX_SAFE_INTEGER;
      if (scope.kind === 'all') return ratings(`SELECT * FROM ratings WHERE rated_at < $1 AND ${COUNTED} ORDER BY rated_at DESC LIMIT $2`, [upper, limit]);
      const [column, value] = scope.kind === 'window' ? ['window_id', scope.windowId] : ['staff_id', scope.staffId];
      return ratings(`SELECT * FROM ratings WHERE ${column} = $1 AND rated_at < $2 AND ${COUNTED} ORDER BY rated_at DESC LIMIT $3`, [value, upper, limit]);
    },
    async getRating(id) {
      return (await ratings('SELECT * FROM ratings WHERE id = $1', [id]))[0] ?? null;
    },
    async getRatings(ids) {
      return ids.length ? ratings('SELECT * FROM ratings WHERE id = ANY($1::text[])', [ids]) : [];
    },
    async revealContact(id) {
      const enc = (await one('contact_enc', id)) as string | null;
      return enc ? cipher.decrypt(enc) : null;
    },
    async revealComment(id) {
      const enc = (await one('comment_enc', id)) as string | null;
      return enc ? cipher.decryptText(enc) : null;
    },
    async countRatings() {
      return (await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM ratings'))[0].n;
    },
    async findPaperRatings(caseNumber, level, contact) {
      // One indexed look-up of the keyed fingerprint: no candidate's contact is decrypted to compare.
      const fingerprint = paperFingerprint(cipher, caseNumber, level, contact);
      return ratings("SELECT * FROM ratings WHERE paper_fingerprint = $1 AND channel = 'PAPER' ORDER BY seq", [fingerprint]);
    },
    async putRatingPhoto(ratingId, mime, bytes, at) {
      const sha = photoFingerprint(cipher, bytes);
      // The first upload wins on the primary key (a concurrent one waits for it); any later one is compared with it.
      const stored = await db.query(
        `INSERT INTO rating_photos (rating_id, mime, bytes_enc, size, sha256, received_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (rating_id) DO NOTHING RETURNING rating_id`,
        [ratingId, mime, cipher.encryptBytes(bytes), bytes.length, sha, at],
      );
      if (stored.length === 1) return 'stored';
      const existing = await db.query<{ sha256: string }>('SELECT sha256 FROM rating_photos WHERE rating_id = $1', [ratingId]);
      return existing[0]?.sha256 === sha ? 'duplicate' : 'conflict';
    },
    async getRatingPhoto(ratingId) {
      const r = (await db.query<{ mime: string; bytes_enc: Buffer }>('SELECT mime, bytes_enc FROM rating_photos WHERE rating_id = $1', [ratingId]))[0];
      return r ? { mime: r.mime, bytes: cipher.decryptBytes(r.bytes_enc) } : null;
    },
    async listConflicts() {
      return (await db.query<ConflictRow>('SELECT * FROM rating_conflicts ORDER BY id')).map(conflictFromRow);
    },
  };
}
