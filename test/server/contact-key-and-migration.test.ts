import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ContactCipher } from '../../sync-server/crypto/contact-cipher';
import { CONTACT_KEY_FILE, loadContactKey } from '../../sync-server/crypto/contact-key';
import { openStore } from '../../sync-server/store/open-store';
import { openSqliteDatabase } from '../../sync-server/store/sqlite/open-sqlite';
import { api } from '../support/api';
import { spawnServer, tempDir } from '../support/server';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the contact-data key', () => {
  it('is made on first start as a private file and used again after', () => {
    const dir = tempDir('key');
    const first = loadContactKey(dir, {});
    expect(first.source).toBe('created');
    expect(fs.statSync(path.join(dir, CONTACT_KEY_FILE)).mode & 0o777).toBe(0o600);
    const again = loadContactKey(dir, {});
    expect(again.source).toBe('file');
    expect(again.key.equals(first.key)).toBe(true);
  });

  it('comes from HCP_CONTACT_KEY when set, and a malformed one is refused', () => {
    const key = randomBytes(32);
    expect(loadContactKey(tempDir('key-env'), { HCP_CONTACT_KEY: key.toString('base64') }).key.equals(key)).toBe(true);
    expect(() => loadContactKey(tempDir('key-bad'), { HCP_CONTACT_KEY: 'too-short' })).toThrow(/32-byte key/);
  });

  it('cannot be swapped silently: another key fails to decrypt instead of returning garbage', () => {
    const text = new ContactCipher(randomBytes(32)).encrypt({ phone: '13812345678' });
    expect(() => new ContactCipher(randomBytes(32)).decrypt(text)).toThrow();
  });
});

describe('migration 2 encrypts contact data stored by version 1', () => {
  it('moves plain contact columns into encrypted and masked ones, conflicts included', async () => {
    const dir = tempDir('migrate');
    const cipher = new ContactCipher(loadContactKey(dir, {}).key);
    const v1 = openSqliteDatabase(dir, cipher, 1);
    v1.exec(`INSERT INTO units (id, name_json) VALUES ('u', '{"zh-CN":"单位","en":"Unit","bo":"ཚན་པ།"}');
      INSERT INTO windows (id, unit_id, number, name_json) VALUES ('w', 'u', '1', '{"zh-CN":"窗口","en":"W","bo":"སྒེའུ་ཁུང་།"}');`);
    v1.prepare(
      `INSERT INTO ratings (id, payload_hash, schema_version, level, reasons_json, contact_name, contact_phone, channel, unit_id, window_id,
       device_id, device_time, rated_at, clock_offset_ms, received_at, locale) VALUES (?, 'h', 1, 'DISSATISFIED', '["ATTITUDE"]', '王五', '13900001111',
       'HALL_TABLET', 'u', 'w', 'd', 1, 1, 0, 1, 'zh-CN')`,
    ).run('01900000-0000-7000-8000-000000000001');
    v1.prepare(`INSERT INTO rating_conflicts (rating_id, payload_hash, payload_json, device_id, received_at) VALUES (?, 'h2', ?, 'd', 1)`).run(
      '01900000-0000-7000-8000-000000000001',
      JSON.stringify({ level: 'VERY_DISSATISFIED', contact: { phone: '13900001111' } }),
    );
    v1.close();

    const { store } = await openStore(dir, {});
    const [row] = await store.listRatings(0, 10);
    expect(row.contact).toEqual({ name: '王*', phone: '139****1111' });
    expect(await store.revealContact(row.id)).toEqual({ name: '王五', phone: '13900001111' });
    const [conflict] = await store.listConflicts();
    expect(conflict).toMatchObject({ hasContact: true, payload: { level: 'VERY_DISSATISFIED' } });
    expect(conflict.payload).not.toHaveProperty('contact');
    await store.close();
    const raw = openSqliteDatabase(dir, cipher);
    const columns = (raw.prepare('PRAGMA table_info(ratings)').all() as { name: string }[]).map((c) => c.name);
    raw.exec('VACUUM');
    raw.close();
    expect(columns).not.toContain('contact_phone');
    expect(columns).toContain('contact_enc');
    expect(fs.readFileSync(path.join(dir, 'haochaping.sqlite')).includes(Buffer.from('13900001111'))).toBe(false);
  });
});

describe('migration 6 records when cases were closed', () => {
  it('takes the closing time from a case whose last event is CLOSE, and leaves reopened and open cases open', async () => {
    const dir = tempDir('migrate-6');
    const cipher = new ContactCipher(loadContactKey(dir, {}).key);
    const v5 = openSqliteDatabase(dir, cipher, 5);
    v5.exec(`INSERT INTO units (id, name_json) VALUES ('u', '{"zh-CN":"单位","en":"Unit","bo":"ཚན་པ།"}');
      INSERT INTO windows (id, unit_id, number, name_json) VALUES ('w', 'u', '1', '{"zh-CN":"窗口","en":"W","bo":"སྒེའུ་ཁུང་།"}');`);
    const rating = v5.prepare(
      `INSERT INTO ratings (id, payload_hash, schema_version, level, reasons_json, channel, unit_id, window_id, device_id, device_time, rated_at,
       clock_offset_ms, received_at, locale) VALUES (?, 'h', 1, 'DISSATISFIED', '[]', 'HALL_TABLET', 'u', 'w', 'd', 1, 1, 0, 1, 'zh-CN')`,
    );
    const kase = v5.prepare(`INSERT INTO cases (id, staff_id, window_id, unit_id, anonymous, received_at) VALUES (?, NULL, 'w', 'u', 1, 1)`);
    const event = v5.prepare(`INSERT INTO case_events (id, case_id, payload_hash, action_json, by_staff, at, received_at) VALUES (?, ?, 'h', ?, 's', ?, ?)`);
    const [closed, reopened, open] = ['01900000-0000-7000-8000-00000000000a', '01900000-0000-7000-8000-00000000000b', '01900000-0000-7000-8000-00000000000c'];
    for (const id of [closed, reopened, open]) {
      rating.run(id);
      kase.run(id);
    }
    event.run('e1', closed, '{"type":"CLOSE"}', 500, 500);
    event.run('e2', reopened, '{"type":"CLOSE"}', 600, 600);
    event.run('e3', reopened, '{"type":"REOPEN","reason":"x"}', 700, 700);
    v5.close();

    const { store } = await openStore(dir, {});
    expect(await store.caseCounts({ kind: 'all' })).toEqual({ open: 2, latestReceivedAt: 1 });
    expect((await store.listCases({ kind: 'all' }, { closedSince: 501 })).map((c) => c.facts.id).sort()).toEqual([reopened, open]);
    await store.close();
  });
});

describe('production mode', () => {
  it('starts with no accounts and no default password; create-admin makes the first administrator', async () => {
    const dataDir = tempDir('prod');
    const server = await spawnServer({ dataDir, env: { DEMO: '0' } });
    try {
      expect((await api(server.baseUrl, 'GET', '/api/v1/kiosk/config')).body.error.code).toBe('DEVICE_CREDENTIAL_REQUIRED');
      for (const [no, pw] of [['D9000', 'demo1234'], ['admin', 'admin'], ['admin', 'admin123']]) {
        expect((await api(server.baseUrl, 'POST', '/api/v1/auth/sign-in', { body: { employeeNo: no, password: pw } })).status).toBe(401);
      }
      execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'sync-server/accounts-cli.ts'), '--employee-no', 'A0001', '--name', '管理员'], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, HCP_ADMIN_PASSWORD: 'a strong first password' },
        stdio: 'ignore',
      });
      const signedIn = await api(server.baseUrl, 'POST', '/api/v1/auth/sign-in', { body: { employeeNo: 'A0001', password: 'a strong first password' } });
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.roles).toEqual(['ADMIN']);
    } finally {
      await server.stop();
    }
  });
});
