import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestRatings } from '../../sync-server/ingest';
import { openStore } from '../../sync-server/store/open-store';
import { migratePg, PG_MIGRATIONS } from '../../sync-server/store/postgres/pg-migrations';
import { openPgDb } from '../../sync-server/store/postgres/pg-db';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { badRating, DEMO_DEVICE, demoRating } from '../support/ratings';
import { openDemoStore, tempDir } from '../support/server';

/** Issue 13: the commands and the migrations work on PostgreSQL as on SQLite. */
const root = fileURLToPath(new URL('../..', import.meta.url));
afterAll(dropTestSchemas);

const cli = (script: string, args: string[], env: Record<string, string>) =>
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, script), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

describe('on PostgreSQL', () => {
  it('applies each migration once when three instances start together', async () => {
    const schema = newTestSchema('hcp_mig');
    const env = { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: schema, HCP_CONTACT_KEY: randomBytes(32).toString('base64') };
    const opened = await Promise.all([0, 1, 2].map(() => openStore(tempDir('mig'), env)));
    for (const o of opened) await o.store.close();
    const db = openPgDb({ connectionString: PG_TEST_URL, schema, max: 1 });
    try {
      const versions = (await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).map((r) => r.version);
      expect(versions).toEqual(PG_MIGRATIONS.map((m) => m.version));
      expect(await migratePg(db)).toEqual([]); // nothing left to apply
    } finally {
      await db.close();
    }
  });

  it('npm run export prints the ratings of DATABASE_URL, masked; create-admin makes a real hall there', async () => {
    const env = { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: newTestSchema('hcp_cli'), HCP_CONTACT_KEY: randomBytes(32).toString('base64') };
    const dataDir = tempDir('cli-pg');
    const store = await openDemoStore(dataDir, env);
    const good = demoRating({ level: 'VERY_SATISFIED' });
    const bad = badRating();
    await ingestRatings(store, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [good, bad] }, Date.now());
    await store.close();
    const rows = cli('sync-server/export/export-cli.ts', ['--format', 'ndjson'], { ...env, DATA_DIR: dataDir }).trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.id, r.level])).toEqual([[good.id, 'VERY_SATISFIED'], [bad.id, 'DISSATISFIED']]);
    expect(rows[1].contactPhone).toBe('138****5678');

    const fresh = { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: newTestSchema('hcp_cli'), HCP_CONTACT_KEY: env.HCP_CONTACT_KEY };
    cli('sync-server/accounts-cli.ts', ['--employee-no', 'A0001', '--name', '管理员'], { ...fresh, DATA_DIR: tempDir('cli-pg2'), HCP_ADMIN_PASSWORD: 'a strong first password', DEMO: '' });
    const { store: real } = await openStore(tempDir('cli-pg3'), fresh);
    try {
      expect(await real.serverMode()).toBe('production');
      expect((await real.findAccountByEmployeeNo('A0001'))?.roles).toContain('ADMIN');
    } finally {
      await real.close();
    }
  });
});
