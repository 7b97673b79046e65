import path from 'node:path';
import Database from 'better-sqlite3';
import { openPgDb } from '../../sync-server/store/postgres/pg-db';
import { SQLITE_FILE_NAME } from '../../sync-server/store/sqlite/open-sqlite';
import type { Store } from '../../sync-server/store/store';
import type { ServiceCaseFields } from '../../src/domain/service-case';
import { parseTimeText } from '../../sync-server/service-cases/import-values';
import { newTestSchema, PG_TEST_URL } from './postgres';
import { openDemoStore, tempDir } from './server';

/** China wall clock "2026-02-13 10:00" → Unix ms. */
export const cst = (text: string): number => {
  const ms = parseTimeText(text.length === 16 ? `${text}:00` : text);
  if (ms === null) throw new Error(`not a time: ${text}`);
  return ms;
};

/** A finished 办件 of the demo hall's window 1, handled by 李明 (demo-s1). */
export const finishedCase = (caseNo: string, finishedAt: number, patch: Partial<ServiceCaseFields> = {}): ServiceCaseFields => ({
  caseNo,
  serviceItemId: 'demo-item-1',
  unitId: 'demo-unit',
  windowId: 'demo-w1',
  staffId: 'demo-s1',
  applicantType: 'PERSON',
  acceptedAt: finishedAt - 3_600_000,
  finishedAt,
  status: 'FINISHED',
  source: 'API',
  ...patch,
});

export interface DefaultRow {
  id: string;
  case_number: string;
  rated_at: number;
  superseded_at: number | null;
  superseded_by: string | null;
}

/** One shared database (a SQLite data folder or a PostgreSQL schema) that tests open as often as they like. */
export interface DefaultsDb {
  kind: 'sqlite' | 'postgres';
  dataDir: string;
  /** The environment a server process or a CLI is given for this database. */
  env: Record<string, string>;
  /** Another store (another instance) on the same database, with the demo hall and the published calendar. */
  open(): Promise<Store>;
  /** The DEFAULT rows as stored, superseded ones included, by 办件编号. */
  defaults(): Promise<DefaultRow[]>;
}

export function defaultsDb(kind: 'sqlite' | 'postgres'): DefaultsDb {
  const dataDir = tempDir('defaults');
  const env: Record<string, string> =
    kind === 'sqlite'
      ? { DATA_DIR: dataDir, DATABASE_URL: '', DATABASE_SCHEMA: '' }
      : { DATA_DIR: dataDir, DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: newTestSchema('hcp_defaults'), HCP_CONTACT_KEY: 'b'.repeat(64) };
  const sql = `SELECT id, case_number, rated_at, superseded_at, superseded_by FROM ratings WHERE channel = 'DEFAULT' ORDER BY case_number, id`;
  return {
    kind,
    dataDir,
    env,
    open: () => openDemoStore(dataDir, env),
    async defaults() {
      if (kind === 'sqlite') {
        const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true });
        try {
          return db.prepare(sql).all() as DefaultRow[];
        } finally {
          db.close();
        }
      }
      const db = openPgDb({ connectionString: PG_TEST_URL, schema: env.DATABASE_SCHEMA, max: 1 });
      try {
        return await db.query<DefaultRow>(sql.replace('case_number, id', 'case_number COLLATE "C", id COLLATE "C"'));
      } finally {
        await db.close();
      }
    },
  };
}
