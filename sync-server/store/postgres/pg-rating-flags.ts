import { uuidv7 } from '../../../src/domain/ids';
import type { RatingFlagSettings } from '../../../src/domain/rating-flags';
import type { RatingFlagStore } from '../rating-flag-store';
import {
  FLAG_SETTINGS_KEY, flagCandidatesSql, flagInputFromRow, recordSignInSql, REVIEW_SELECT, reviewFromRow, signInFromRow, signInsSql, upsertReviewSql,
  type FlagInputRow, type ReviewRow,
} from '../rating-flag-rows';
import type { PgDb } from './pg-db';

const mark = (n: number) => `$${n}`;

/** The anti-coercion review on PostgreSQL (migration 008): the same SQL as SQLite's (rating-flag-rows.ts). */
export function pgRatingFlags(db: PgDb): RatingFlagStore {
  return {
    async listFlagCandidates(scope, from, to, settings) {
      const { sql, params } = flagCandidatesSql(scope, settings, mark);
      return (await db.query<FlagInputRow>(sql, params(from, to))).map(flagInputFromRow);
    },
    async listStaffSignIns(from, to) {
      const rows = await db.query<Parameters<typeof signInFromRow>[0]>(signInsSql(mark), [to, from, Date.now()]);
      return rows.map(signInFromRow);
    },
    async recordStaffSignIn(i) {
      const [row] = await db.query<{ started_at: number }>(recordSignInSql(mark), [i.tokenHash, i.deviceId, i.staffId, i.source, i.at, i.endedAt ?? null, uuidv7(i.at)]);
      return { from: row.started_at };
    },
    async endStaffSignIns(tokenHash, at) {
      await db.query('UPDATE staff_device_sign_ins SET ended_at = $1, last_seen_at = $1 WHERE token_hash = $2 AND ended_at IS NULL', [at, tokenHash]);
    },
    async getRatingReviews(ids) {
      if (ids.length === 0) return [];
      return (await db.query<ReviewRow>(`${REVIEW_SELECT} WHERE r.rating_id = ANY($1::text[])`, [ids])).map(reviewFromRow);
    },
    async putRatingReview(r) {
      return db.tx(async (c) => {
        // The rating's row locked: two reviewers marking it at once take turns, and each sees the other's mark as previous.
        const exists = await c.query('SELECT 1 FROM ratings WHERE id = $1 FOR UPDATE', [r.ratingId]);
        if (exists.length === 0) return null;
        const [before] = await c.query<ReviewRow>(`${REVIEW_SELECT} WHERE r.rating_id = $1`, [r.ratingId]);
        await c.query(upsertReviewSql(mark), [r.ratingId, r.verdict, r.note, r.by, r.at]);
        return { previous: before ? reviewFromRow(before) : null };
      });
    },
    async getFlagSettings() {
      const [row] = await db.query<{ value: string }>('SELECT value FROM server_settings WHERE key = $1', [FLAG_SETTINGS_KEY]);
      return row ? (JSON.parse(row.value) as RatingFlagSettings) : null;
    },
    async putFlagSettings(settings, at) {
      await db.query(
        `INSERT INTO server_settings (key, value, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        [FLAG_SETTINGS_KEY, JSON.stringify(settings), at],
      );
    },
  };
}
