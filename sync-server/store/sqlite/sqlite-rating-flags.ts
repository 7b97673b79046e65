import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../src/domain/ids';
import type { RatingFlagSettings } from '../../../src/domain/rating-flags';
import type { RatingFlagStore } from '../rating-flag-store';
import {
  FLAG_SETTINGS_KEY, flagCandidatesSql, flagInputFromRow, recordSignInSql, REVIEW_SELECT, reviewFromRow, signInFromRow, signInsSql, upsertReviewSql,
  type FlagInputRow, type ReviewRow,
} from '../rating-flag-rows';

const q = () => '?';

/** The anti-coercion review on SQLite (migration 020): flag inputs, staff sign-ins on devices, supervision's marks. */
export function sqliteRatingFlags(db: Database.Database): RatingFlagStore {
  // One statement per scope kind and settings (the settings are part of its text); settings rarely change.
  const candidates = new Map<string, Database.Statement>();
  // Named marks (@p1…): the shared SQL uses a parameter more than once and not in order.
  const named = (n: number) => `@p${n}`;
  const args = (...values: unknown[]) => Object.fromEntries(values.map((v, i) => [`p${i + 1}`, v]));
  const signIns = db.prepare(signInsSql(named));
  const recordSignIn = db.prepare(recordSignInSql(named)).pluck();
  const endSignIns = db.prepare('UPDATE staff_device_sign_ins SET ended_at = ?, last_seen_at = ? WHERE token_hash = ? AND ended_at IS NULL');
  const reviewOf = db.prepare(`${REVIEW_SELECT} WHERE r.rating_id = ?`);
  const upsertReview = db.prepare(upsertReviewSql(q));
  const ratingExists = db.prepare('SELECT 1 FROM ratings WHERE id = ?').pluck();
  const readSetting = db.prepare('SELECT value FROM server_settings WHERE key = ?').pluck();
  const writeSetting = db.prepare(
    `INSERT INTO server_settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );

  return {
    async listFlagCandidates(scope, from, to, settings) {
      const { sql, params } = flagCandidatesSql(scope, settings, named);
      let stmt = candidates.get(sql);
      if (!stmt) {
        if (candidates.size > 50) candidates.clear();
        stmt = db.prepare(sql);
        candidates.set(sql, stmt);
      }
      // The window counts sort the period's rows twice; on disk (the default) that doubles the time of a province's
      // month. In memory for this statement only: the period is at most 33 days, so the sort is bounded (about 50 MB
      // for 200,000 ratings), and the connection goes back to its default before anything else runs on it.
      db.pragma('temp_store = MEMORY');
      try {
        return (stmt.all(args(...params(from, to))) as FlagInputRow[]).map(flagInputFromRow);
      } finally {
        db.pragma('temp_store = DEFAULT');
      }
    },
    async listStaffSignIns(from, to) {
      return (signIns.all(args(to, from, Date.now())) as Parameters<typeof signInFromRow>[0][]).map(signInFromRow);
    },
    async recordStaffSignIn(i) {
      const from = recordSignIn.get(args(i.tokenHash, i.deviceId, i.staffId, i.source, i.at, i.endedAt ?? null, uuidv7(i.at))) as number;
      return { from };
    },
    async endStaffSignIns(tokenHash, at) {
      endSignIns.run(at, at, tokenHash);
    },
    async getRatingReviews(ids) {
      if (ids.length === 0) return [];
      const out: ReturnType<typeof reviewFromRow>[] = [];
      // Chunks well under SQLite's bound on parameters.
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const rows = db.prepare(`${REVIEW_SELECT} WHERE r.rating_id IN (${chunk.map(() => '?').join(', ')})`).all(...chunk) as ReviewRow[];
        out.push(...rows.map(reviewFromRow));
      }
      return out;
    },
    async putRatingReview(r) {
      return db
        .transaction(() => {
          if (!ratingExists.get(r.ratingId)) return null;
          const before = reviewOf.get(r.ratingId) as ReviewRow | undefined;
          upsertReview.run(r.ratingId, r.verdict, r.note, r.by, r.at);
          return { previous: before ? reviewFromRow(before) : null };
        })
        .immediate();
    },
    async getFlagSettings() {
      const v = readSetting.get(FLAG_SETTINGS_KEY) as string | undefined;
      return v === undefined ? null : (JSON.parse(v) as RatingFlagSettings);
    },
    async putFlagSettings(settings, at) {
      writeSetting.run(FLAG_SETTINGS_KEY, JSON.stringify(settings), at);
    },
  };
}
