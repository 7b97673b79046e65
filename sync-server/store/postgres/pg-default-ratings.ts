import type { ContactCipher } from '../../crypto/contact-cipher';
import {
  candidateFromRow, candidatesSql, citizenRatingSql, DEFAULT_ROW_COLUMNS, defaultRatingRow, maySupersede, supersededFromRow, supersedeSql,
  type DefaultRatingStore, type DefaultSqlDialect,
} from '../default-rating-rows';
import type { RatingRow } from '../rating-row';
import { StorableText, UNSTORABLE_TEXT, type PgDb, type PgQueryable } from './pg-db';

const dialect: DefaultSqlDialect = { mark: (n) => `$${n}`, byteOrder: 'COLLATE "C"' };
const ROWS_PER_STATEMENT = 2000;
const columns = DEFAULT_ROW_COLUMNS.join(', ');

/**
 * One statement per 2,000 defaults, each its own transaction (READ COMMITTED): the rows travel as one JSON
 * parameter like pg-rows.ts's, the citizen check is in the statement, and ON CONFLICT DO NOTHING on the unique key
 * ratings_one_default makes a second writer of the same 办件 wait for the first to commit, then skip it. Rows go in
 * the candidates' (finished_at, id) order, the same in every instance, so two jobs wait on each other, never in a
 * circle.
 */
const INSERT_SQL = `INSERT INTO ratings (${columns})
  SELECT ${columns} FROM json_populate_recordset(NULL::ratings, $1::json) WITH ORDINALITY AS r
  WHERE NOT EXISTS (SELECT 1 ${citizenRatingSql('r.unit_id', 'r.case_number', 'r.rated_at')})
  ORDER BY r.ordinality
  ON CONFLICT DO NOTHING RETURNING id`;

/**
 * The default 满意 on PostgreSQL. The race READ COMMITTED leaves: a citizen rating committed while a default of
 * its 办件 is being inserted is seen by neither the insert's check nor the ingest hook; the job's sweep
 * (supersedeDefaultRatings, run after every insert) marks that default at the latest on the next run.
 */
export function pgDefaultRatings(db: PgDb, cipher: ContactCipher): DefaultRatingStore {
  const candidates = candidatesSql(dialect);
  const sweep = supersedeSql(dialect, '$1');
  return {
    async listDefaultCandidates(finishedBefore, after, limit) {
      return (await db.query(candidates, [finishedBefore, after.finishedAt, after.id, limit])).map(candidateFromRow);
    },
    async insertDefaultRatings(items, receivedAt) {
      const stored: string[] = [];
      for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) {
        const rows = items.slice(i, i + ROWS_PER_STATEMENT).map((d) => defaultRatingRow(d, receivedAt, cipher));
        // Their text comes from stored 办件 and the catalogue: already what PostgreSQL can hold.
        const json = new StorableText(JSON.stringify(rows));
        for (const r of await db.tx((c) => c.query<{ id: string }>(INSERT_SQL, [json]))) stored.push(r.id);
      }
      return stored;
    },
    async supersedeDefaultRatings(at) {
      // In tx(): an ingest transaction marking some of the same defaults in another order may deadlock with it; the
      // loser is rolled back and run again (either side), so neither a push nor a run fails for it.
      return (await db.tx((c) => c.query(sweep, [at]))).map(supersededFromRow);
    },
  };
}

const HOOK_SQL = supersedeSql(dialect, '$1', 'AND (unit_id, case_number) IN (SELECT * FROM unnest($2::text[], $3::text[]))');

/**
 * The ingest hook (pg-ratings.ts, inside its transaction): the citizen ratings just stored mark superseded their
 * 办件's defaults made later than them. A default being inserted concurrently is not seen: the job's sweep is.
 */
export async function supersedeDefaultsOn(c: PgQueryable, rows: readonly RatingRow[], at: number): Promise<void> {
  const citizen = rows.filter(maySupersede);
  if (citizen.length === 0) return;
  // Array elements are not made storable by pg-db.ts: done here, as the row itself was stored (pg-rows.ts).
  const storable = (t: string | null) => (t ?? '').replace(UNSTORABLE_TEXT, '\ufffd');
  await c.query(HOOK_SQL, [at, citizen.map((r) => storable(r.unit_id)), citizen.map((r) => storable(r.case_number))]);
}
