import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ContactCipher } from '../../crypto/contact-cipher';
import type { Store } from '../store';
import { SQLITE_MIGRATIONS, type Migration, type MigrationContext } from './migrations';
import { sqliteAccounts } from './sqlite-accounts';
import { sqliteAudit } from './sqlite-audit';
import { sqliteRoleGrants } from './sqlite-role-grants';
import { sqliteCases } from './sqlite-cases';
import { sqliteCatalog } from './sqlite-catalog';
import { sqliteDevices } from './sqlite-devices';
import { sqliteRatings } from './sqlite-ratings';

export const SQLITE_FILE_NAME = 'haochaping.sqlite';

function migrate(db: Database.Database, migrations: Migration[], ctx: MigrationContext) {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  // IMMEDIATE takes the write lock first, so two processes starting together cannot both apply a migration.
  const apply = db.transaction((m: Migration) => {
    if (db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version)) return;
    m.up(db, ctx);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
  });
  for (const m of migrations) apply.immediate(m);
}

/**
 * Opens (creating if needed) the database file in dataDir in WAL mode and applies the migrations up to `upTo`
 * (all by default; a test of a migration stops earlier to write rows the old way).
 */
export function openSqliteDatabase(dataDir: string, cipher: ContactCipher, upTo = Infinity): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, SQLITE_FILE_NAME));
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged rating must survive a power cut, not only a crash of this process.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db, SQLITE_MIGRATIONS.filter((m) => m.version <= upTo), { cipher });
  return db;
}

export function openSqliteStore(dataDir: string, cipher: ContactCipher): Store {
  const db = openSqliteDatabase(dataDir, cipher);
  return {
    kind: 'sqlite',
    ...sqliteCatalog(db),
    ...sqliteAccounts(db),
    ...sqliteRatings(db, cipher),
    ...sqliteAudit(db),
    ...sqliteDevices(db),
    ...sqliteCases(db),
    ...sqliteRoleGrants(db),
    async close() {
      db.close();
    },
  };
}
