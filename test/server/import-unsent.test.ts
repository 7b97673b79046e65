import 'fake-indexeddb/auto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { setMeta } from '../../src/data/meta';
import { exportUnsent } from '../../src/data/unsent-export';
import { loadUnsentExportKey } from '../../sync-server/crypto/unsent-export-key';
import { badDraft, demoConfig, freshDb, queueRatings } from '../support/kiosk-fixtures';
import { openDemoStore, tempDir } from '../support/server';

const root = fileURLToPath(new URL('../..', import.meta.url));

function importCli(file: string, dataDir: string) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'sync-server/unsent/import-unsent-cli.ts'), '--file', file], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

let dataDir: string;
let ids: string[];
let fileName: string;
/** A citizen's own number in the comment: the file shows it masked, the import restores it from the encrypted part. */
const TYPED_COMMENT = '态度差，请回电 139 1234 5678';

beforeAll(async () => {
  dataDir = tempDir('import-unsent');
  await (await openDemoStore(dataDir)).close();
  // The key the server makes on first start; its public half reaches the tablet in the kiosk configuration.
  const key = loadUnsentExportKey(dataDir);
  expect(fs.statSync(key.file).mode & 0o777).toBe(0o600);
  const db = await freshDb();
  await setMeta(db, 'kioskConfig', { ...demoConfig, unsentExportKey: key.publicKey });
  ids = await queueRatings(db, [{ ...badDraft, comment: TYPED_COMMENT }, { level: 'VERY_SATISFIED', reasons: [] }]);
  const file = await exportUnsent(db);
  expect(file.contact).toBe('encrypted');
  fileName = path.join(tempDir('import-unsent-file'), 'unsent.json');
  expect(file.json).not.toContain('1234 5678');
  fs.writeFileSync(fileName, file.json);
}, 60_000);

describe('npm run import-unsent', () => {
  it('decrypts the contact and ingests each record once, however often the file is imported', async () => {
    const first = importCli(fileName, dataDir);
    expect(first.code, first.err).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ accepted: 2, duplicate: 0, conflict: 0, invalid: [], contact: 'encrypted' });
    const second = importCli(fileName, dataDir);
    expect(second.code, second.err).toBe(0);
    expect(JSON.parse(second.out)).toMatchObject({ accepted: 0, duplicate: 2, conflict: 0 });

    const store = await openDemoStore(dataDir);
    try {
      expect(await store.revealContact(ids[0])).toEqual(badDraft.contact);
      expect(await store.revealComment(ids[0])).toBe(TYPED_COMMENT);
      expect((await store.getRating(ids[1]))?.level).toBe('VERY_SATISFIED');
      expect((await store.listRatings(0, 100)).filter((r) => ids.includes(r.id))).toHaveLength(2);
      const audit = (await store.listAudit({ limit: 50 })).filter((a) => a.action === 'unsent.import');
      expect(audit).toHaveLength(2);
      expect(audit.map((a) => a.detail)).toEqual(expect.arrayContaining([expect.objectContaining({ accepted: 2, contact: 'encrypted' })]));
      // Contact itself never goes into the audit log.
      expect(JSON.stringify(audit)).not.toContain('13812345678');
    } finally {
      await store.close();
    }
  }, 60_000);

  it('still imports a file written before contact was encrypted (version 1), contact included', async () => {
    const db = await freshDb();
    const [id] = await queueRatings(db, [{ ...badDraft, contact: { name: '钱七', phone: '13700007777' } }]);
    const outbox = await db.outbox.get(id);
    const rating = await db.ratings.get(id);
    const old = path.join(path.dirname(fileName), 'v1.json');
    fs.writeFileSync(old, JSON.stringify({ format: 'haochaping-unsent-ratings', version: 1, deviceId: rating!.record.deviceId, exportedAt: new Date().toISOString(), items: [{ outbox, record: rating!.record }] }));
    const run = importCli(old, dataDir);
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ accepted: 1, contact: 'plaintext-v1' });
    expect(run.err).toMatch(/delete every copy/);
    const store = await openDemoStore(dataDir);
    try {
      expect(await store.revealContact(id)).toEqual({ name: '钱七', phone: '13700007777' });
    } finally {
      await store.close();
    }
  }, 60_000);

  it('refuses a file whose contact was altered, writing nothing', async () => {
    const file = JSON.parse(fs.readFileSync(fileName, 'utf8'));
    const sealed = Buffer.from(file.encryptedContact.ciphertext, 'base64');
    sealed[0] ^= 1;
    file.encryptedContact.ciphertext = sealed.toString('base64');
    file.items[0].record.id = '01900000-0000-7000-8000-000000000001';
    const altered = path.join(path.dirname(fileName), 'altered.json');
    fs.writeFileSync(altered, JSON.stringify(file));
    const run = importCli(altered, dataDir);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/cannot be decrypted/);
    const store = await openDemoStore(dataDir);
    try {
      expect(await store.getRating('01900000-0000-7000-8000-000000000001')).toBeNull();
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('KIOSK_CONTACT_RETENTION_DAYS', () => {
  it('sets how long tablets keep contact on held records: 30 days unless set, 1–365', async () => {
    const { configFromEnv } = await import('../../sync-server/config');
    expect(configFromEnv({}).contactRetentionDays).toBe(30);
    expect(configFromEnv({ KIOSK_CONTACT_RETENTION_DAYS: '7' }).contactRetentionDays).toBe(7);
    // The 追评 period of the phone page (issue 14): 30 days unless FOLLOW_UP_DAYS says otherwise, within a year.
    expect(configFromEnv({}).followUpWindowDays).toBe(30);
    expect(configFromEnv({ FOLLOW_UP_DAYS: '15' }).followUpWindowDays).toBe(15);
    expect(() => configFromEnv({ FOLLOW_UP_DAYS: '0' })).toThrow(/FOLLOW_UP_DAYS/);
    expect(() => configFromEnv({ KIOSK_CONTACT_RETENTION_DAYS: '0' })).toThrow(/1–365/);
    expect(() => configFromEnv({ KIOSK_CONTACT_RETENTION_DAYS: '400' })).toThrow(/1–365/);
  });
});

describe('the kiosk configuration', () => {
  it('carries the export public key and the contact retention, in the shape the tablet validates', async () => {
    const { buildApp } = await import('../../sync-server/app');
    const { KioskConfigSchema } = await import('../../src/domain/sync-api');
    const { KIOSK_CONFIG_PATH } = await import('../../src/domain/sync-constants');
    const key = loadUnsentExportKey(dataDir);
    const store = await openDemoStore(dataDir);
    const app = await buildApp({ store, unsentExportKey: key.publicKey });
    try {
      const res = await app.inject({ method: 'GET', url: KIOSK_CONFIG_PATH });
      expect(res.statusCode).toBe(200);
      const config = KioskConfigSchema.parse(res.json());
      expect(config.unsentExportKey).toEqual(key.publicKey);
      expect(config.settings.contactRetentionDays).toBe(30);
      // Only the public half leaves the server.
      expect(res.body).not.toMatch(/"d"\s*:|PRIVATE KEY/);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
