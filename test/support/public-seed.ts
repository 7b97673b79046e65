import path from 'node:path';
import Database from 'better-sqlite3';
import { scrubForPublication } from '../../src/domain/public-scrub';
import { openPgDb } from '../../sync-server/store/postgres/pg-db';
import { SQLITE_FILE_NAME } from '../../sync-server/store/sqlite/open-sqlite';
import type { Store } from '../../sync-server/store/store';
import { PG_TEST_URL } from './postgres';

/**
 * The write side of /public as the public tests need it: a unit's disclosure switch and a lead's approval of a
 * consenting evaluator's comment. The admin switch, the consent question and the approval routes are another
 * change of issue 16; until they are merged these write the rows (migration 023 / PG 011) straight into the
 * server's database. At merge, switch each function to its real route and keep the signatures.
 */
export interface PublicSeedTarget {
  store: Store;
  /** The SQLite data folder of the server (SQLite). */
  dataDir: string;
  /** The PostgreSQL schema of the server (PostgreSQL). */
  pgSchema?: string;
}

async function run(t: PublicSeedTarget, sql: string, params: unknown[]): Promise<void> {
  if (t.store.kind === 'sqlite') {
    const db = new Database(path.join(t.dataDir, SQLITE_FILE_NAME));
    try {
      db.prepare(sql.replace(/\$\d+/g, '?')).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  if (!t.pgSchema) throw new Error('public-seed: a PostgreSQL target needs its schema');
  const db = openPgDb({ connectionString: PG_TEST_URL, schema: t.pgSchema, max: 1 });
  try {
    await db.query(sql, params);
  } finally {
    await db.close();
  }
}

/** The unit's disclosure switch and whether staff are named by 工号 (the administrator's per-unit setting). */
export async function setDisclosure(t: PublicSeedTarget, unitId: string, disclosure: boolean, namesStaff = false): Promise<void> {
  await run(t, 'UPDATE units SET disclosure = $1, disclosure_names_staff = $2 WHERE id = $3', [disclosure ? 1 : 0, namesStaff ? 1 : 0, unitId]);
}

/**
 * A lead approves the rating's comment for publication: the evaluator consented (set here for now, as the kiosk's
 * question will), and the text stored is scrubForPublication of the decrypted comment, told the evaluator's name,
 * the unit's staff names and the 办件编号, as the approval route stores it. Returns the stored text.
 */
export async function approveComment(t: PublicSeedTarget, ratingId: string, byStaff = 'demo-s2', at = Date.now()): Promise<string> {
  const [rating, comment, contact, catalog] = await Promise.all([t.store.getRating(ratingId), t.store.revealComment(ratingId), t.store.revealContact(ratingId), t.store.loadCatalog()]);
  if (!rating || comment === null) throw new Error(`approveComment: rating ${ratingId} has no comment`);
  const names = [contact?.name, ...catalog.staff.filter((s) => s.unitId === rating.unitId).map((s) => s.name)].filter((n): n is string => !!n);
  const text = scrubForPublication(comment, { names, caseNumbers: rating.caseNumber ? [rating.caseNumber] : [] });
  await run(t, 'UPDATE ratings SET publish_consent = 1 WHERE id = $1', [ratingId]);
  await run(t, "INSERT INTO comment_publications (rating_id, verdict, scrubbed_text, by_staff, at) VALUES ($1, 'APPROVED', $2, $3, $4)", [ratingId, text, byStaff, at]);
  return text;
}

/** A lead declines it: no text is kept. */
export async function declineComment(t: PublicSeedTarget, ratingId: string, byStaff = 'demo-s2', at = Date.now()): Promise<void> {
  await run(t, 'UPDATE ratings SET publish_consent = 1 WHERE id = $1', [ratingId]);
  await run(t, "INSERT INTO comment_publications (rating_id, verdict, scrubbed_text, by_staff, at) VALUES ($1, 'DECLINED', NULL, $2, $3)", [ratingId, byStaff, at]);
}
