import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ContactCipher } from '../../crypto/contact-cipher';
import type { Store } from '../store';
import { SQLITE_MIGRATIONS, type Migration, type MigrationContext } from './migrations';
import { sqliteAbandonedTaps } from './sqlite-abandoned-taps';
import { sqliteAccounts } from './sqlite-accounts';
import { sqliteAudit } from './sqlite-audit';
import { sqliteRoleGrants } from './sqlite-role-grants';
import { sqliteCases } from './sqlite-cases';
import { sqliteCatalog } from './sqlite-catalog';
import { sqliteDefaultRatings } from './sqlite-default-ratings';
import { sqliteDevices } from './sqlite-devices';
import { sqliteLimits } from './sqlite-limits';
import { sqlitePaperChecks } from './sqlite-paper-checks';
import { sqliteRatings } from './sqlite-ratings';
import { sqliteServiceCases } from './sqlite-service-cases';
import { sqliteInvitations } from './sqlite-invitations';
import { sqliteRatingLinks } from './sqlite-rating-links';
import { sqliteSettings } from './sqlite-settings';
import { sqliteRatingFlags } from './sqlite-rating-flags';
import { sqliteFigures } from './sqlite-figures';
import { sqliteAnnual } from './sqlite-annual';
import { sqliteCommentPublications } from './sqlite-comment-publications';
import { sqliteMonthCloses } from './sqlite-month-closes';
import { sqliteRankingSettings } from './sqlite-ranking-settings';
import { sqliteBulletin } from './sqlite-bulletin';
import { sqlitePublic } from './sqlite-public';

export const SQLITE_FILE_NAME = 'haochaping.sqlite';

/** The data folder holds the database and (by default) the contact key: only the server's user may enter it. */
export function makePrivateDataDir(dataDir: string) {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}

/**
 * The database and its -wal and -shm files readable by the server's user only, also when an older version
 * made them with the default mode (0644).
 */
function privateFiles(file: string) {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if ((fs.statSync(f).mode & 0o077) !== 0) fs.chmodSync(f, 0o600);
    } catch (err) {
      // Absent (no WAL yet), or another user's file opened read-only by a tool such as the export: the server,
      // running as the owner, tightens it on its next start.
      if (!['ENOENT', 'EPERM'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
    }
  }
}

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
  makePrivateDataDir(dataDir);
  const file = path.join(dataDir, SQLITE_FILE_NAME);
  // Made 0600 before SQLite opens it: SQLite gives its -wal and -shm files the mode of the database file.
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  const db = new Database(file);
  privateFiles(file);
  db.pragma('journal_mode = WAL');
  // Deleted and overwritten content (a dropped plain column, an ended session) is zeroed, not left in free pages.
  db.pragma('secure_delete = ON');
  // FULL: an acknowledged rating must survive a power cut, not only a crash of this process.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db, SQLITE_MIGRATIONS.filter((m) => m.version <= upTo), { cipher });
  privateFiles(file);
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
    ...sqlitePaperChecks(db),
    ...sqliteSettings(db),
    ...sqliteRoleGrants(db),
    ...sqliteAbandonedTaps(db),
    ...sqliteLimits(db),
    ...sqliteServiceCases(db),
    ...sqliteDefaultRatings(db, cipher),
    ...sqliteInvitations(db),
    ...sqliteRatingFlags(db),
    ...sqliteRatingLinks(db, cipher),
    ...sqliteFigures(db),
    ...sqliteAnnual(db),
    ...sqliteCommentPublications(db, cipher),
    ...sqliteMonthCloses(db),
    ...sqliteRankingSettings(db),
    ...sqliteBulletin(db),
    ...sqlitePublic(db),
    async close() {
      db.close();
    },
  };
}
