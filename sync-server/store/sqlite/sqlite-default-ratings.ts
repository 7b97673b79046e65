import type Database from 'better-sqlite3';
import type { ContactCipher } from '../../crypto/contact-cipher';
import {
  candidateFromRow, candidatesSql, citizenRatingSql, DEFAULT_ROW_COLUMNS, defaultRatingRow, maySupersede, supersededFromRow, supersedeSql,
  type DefaultRatingStore, type DefaultSqlDialect,
} from '../default-rating-rows';
import type { RatingRow } from '../rating-row';

const dialect: DefaultSqlDialect = { mark: () => '?', byteOrder: '' };
/** Defaults per write transaction: the job never holds the one SQLite writer long enough to stall a kiosk's push. */
const ROWS_PER_TRANSACTION = 2000;

/** The default 满意 on SQLite: one writer at a time, so each statement sees every committed citizen rating. */
export function sqliteDefaultRatings(db: Database.Database, cipher: ContactCipher): DefaultRatingStore {
  const candidates = db.prepare(candidatesSql(dialect));
  // The citizen check and the insert in one IMMEDIATE transaction: it holds the one write lock, so no rating can be
  // stored between them (an INSERT … SELECT reading ratings would have SQLite copy each row through a temporary
  // table first: three times slower). The unique key ratings_one_default decides between runs and processes.
  const citizenRated = db.prepare(`SELECT 1 ${citizenRatingSql('?', '?', '?')} LIMIT 1`).pluck();
  const insert = db.prepare(
    `INSERT INTO ratings (${DEFAULT_ROW_COLUMNS.join(', ')}) VALUES (${DEFAULT_ROW_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`,
  );
  const sweep = db.prepare(supersedeSql(dialect, '?'));
  return {
    async listDefaultCandidates(finishedBefore, after, limit) {
      return (candidates.all(finishedBefore, after.finishedAt, after.id, limit) as Record<string, any>[]).map(candidateFromRow);
    },
    async insertDefaultRatings(items, receivedAt) {
      const stored: string[] = [];
      const write = db.transaction((rows: RatingRow[]) => {
        for (const row of rows) {
          if (citizenRated.get(row.unit_id, row.case_number, row.rated_at) !== undefined) continue;
          if (insert.run(...DEFAULT_ROW_COLUMNS.map((c) => row[c])).changes === 1) stored.push(row.id);
        }
      });
      for (let i = 0; i < items.length; i += ROWS_PER_TRANSACTION) {
        write.immediate(items.slice(i, i + ROWS_PER_TRANSACTION).map((d) => defaultRatingRow(d, receivedAt, cipher)));
      }
      return stored;
    },
    async supersedeDefaultRatings(at) {
      return db.transaction(() => (sweep.all(at) as Record<string, any>[]).map(supersededFromRow)).immediate();
    },
  };
}

const hooks = new WeakMap<Database.Database, Database.Statement>();

/**
 * The ingest hook (sqlite-ratings.ts, inside its write transaction): a citizen rating just stored marks superseded
 * its 办件's default when it was made at or before the default's due instant (a kiosk offline for a week).
 */
export function supersedeDefaultsOf(db: Database.Database, row: RatingRow, at: number): void {
  if (!maySupersede(row)) return;
  let statement = hooks.get(db);
  if (!statement) hooks.set(db, (statement = db.prepare(supersedeSql(dialect, '?', 'AND unit_id = ? AND case_number = ?'))));
  statement.all(at, row.unit_id, row.case_number);
}
