import type { PgDb } from './pg-db';
import { PG_MIGRATION_1_SQL } from './pg-migration-001';
import { PG_MIGRATION_2_SQL } from './pg-migration-002';
import { PG_MIGRATION_3_SQL } from './pg-migration-003';
import { PG_MIGRATION_4_SQL } from './pg-migration-004';
import { PG_MIGRATION_5_SQL } from './pg-migration-005';
import { PG_MIGRATION_6_SQL } from './pg-migration-006';
import { PG_MIGRATION_7_SQL } from './pg-migration-007';
import { PG_MIGRATION_8_SQL } from './pg-migration-008';
import { PG_MIGRATION_9_SQL } from './pg-migration-009';
import { PG_MIGRATION_10_SQL } from './pg-migration-010';
import { PG_MIGRATION_11_SQL } from './pg-migration-011';
import { PG_MIGRATION_12_SQL } from './pg-migration-012';
import { PG_MIGRATION_13_SQL } from './pg-migration-013';

/** Numbered migrations of the PostgreSQL store. Never edit one that has shipped: add the next number. */
export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

export const PG_MIGRATIONS: PgMigration[] = [
  { version: 1, name: 'the schema of SQLite migrations 001–014: catalogue, ratings, accounts, devices, cases, limits', sql: PG_MIGRATION_1_SQL },
  { version: 2, name: 'audit entries moved from a hall keep where they came from', sql: PG_MIGRATION_2_SQL },
  { version: 3, name: 'indexes of the case summary: open cases per scope, newest arrival', sql: PG_MIGRATION_3_SQL },
  { version: 4, name: '办件 (service cases) by unit and 办件编号; business-system tokens', sql: PG_MIGRATION_4_SQL },
  { version: 5, name: 'the default 满意 of finished 办件: one per 办件, superseded ones marked', sql: PG_MIGRATION_5_SQL },
  { version: 6, name: 'rating invitations (一次一评); one rating per session id', sql: PG_MIGRATION_6_SQL },
  { version: 7, name: 'rating links of the phone page (QR): token hashes per 办件 or window', sql: PG_MIGRATION_7_SQL },
  { version: 8, name: 'staff sign-ins on devices; supervision marks flagged ratings valid or invalid', sql: PG_MIGRATION_8_SQL },
  { version: 9, name: 'the figures read a month of ratings from one covering index', sql: PG_MIGRATION_9_SQL },
  { version: 10, name: 'a unit\'s 行政区划代码 for the national and provincial exports', sql: PG_MIGRATION_10_SQL },
  { version: 11, name: 'public disclosure per unit; the evaluator\'s consent to publish a comment; approved comments', sql: PG_MIGRATION_11_SQL },
  { version: 12, name: 'month close: the submitted versions of each month\'s Attachment 2', sql: PG_MIGRATION_12_SQL },
  { version: 13, name: 'the comments waiting for publication, by partial indexes on consent', sql: PG_MIGRATION_13_SQL },
];

/**
 * Applies the migrations not yet applied, each in its own transaction, holding a session advisory lock on the
 * schema for the whole run: instances starting together take turns, and the second finds everything applied.
 */
export async function migratePg(db: PgDb, upTo = Infinity): Promise<number[]> {
  const client = await db.pool.connect();
  const applied: number[] = [];
  try {
    await client.query(`SELECT pg_advisory_lock(hashtextextended('haochaping-migrations:' || current_schema(), 0))`);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
      for (const m of PG_MIGRATIONS.filter((x) => x.version <= upTo)) {
        const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
        if (done.rowCount) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
          await client.query('COMMIT');
          applied.push(m.version);
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          throw err;
        }
      }
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtextextended('haochaping-migrations:' || current_schema(), 0))`);
    }
  } finally {
    client.release();
  }
  return applied;
}
