import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { assertBuilt, openProfile } from '../support/browser';
import { openDemoStore, spawnServer, tempDir, type ServerProcess } from '../support/server';

let server: ServerProcess;
let dataDir: string;
let admin: string;

beforeAll(async () => {
  assertBuilt();
  dataDir = tempDir('e2e-device-in-use');
  await (await openDemoStore(dataDir)).close();
  server = await spawnServer({ dataDir, built: true, env: { DEMO: '0' } });
  admin = await signIn(server.baseUrl, DEMO_ACCOUNTS.ADMIN);
});
afterAll(async () => {
  await server?.stop();
});

async function newCode(): Promise<string> {
  const res = await api(server.baseUrl, 'POST', '/api/v1/admin/enrolment-codes', { cookie: admin, body: { windowId: 'demo-w1' } });
  expect(res.status).toBe(201);
  return res.body.code;
}

describe('a tablet whose id the server still holds as enrolled', () => {
  it('is told, in its language, that the administrator must revoke it first; after that the same code enrols it', async () => {
    const { context, page } = await openProfile(tempDir('e2e-device-in-use-profile'));
    await page.goto(`${server.baseUrl}/?enrol=${await newCode()}&thanksMs=500`);
    await page.getByRole('button', { name: '登记本设备' }).click();
    await page.getByRole('button', { name: '开始使用' }).click();
    const [device] = (await api(server.baseUrl, 'GET', '/api/v1/admin/devices', { cookie: admin })).body.devices;

    // The server no longer knows the tablet's credential (a database restored from an older backup), but still
    // lists the device as enrolled.
    const db = new Database(path.join(dataDir, 'haochaping.sqlite'));
    db.prepare('UPDATE devices SET credential_hash = ? WHERE id = ?').run('0'.repeat(64), device.id);
    db.close();
    await page.getByRole('button', { name: '满意', exact: true }).click();
    await page.getByRole('heading', { name: '本设备需要重新登记' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '使用新的注册码重新登记' }).click();

    const code = await newCode();
    await page.getByLabel('注册码').fill(code);
    await page.getByRole('button', { name: '登记本设备' }).click();
    await page.getByText('服务器上本设备仍登记为在用。请系统管理员先在“设备”中停用本设备，再重新输入注册码。').waitFor();

    expect((await api(server.baseUrl, 'POST', `/api/v1/admin/devices/${device.id}/revoke`, { cookie: admin })).status).toBe(200);
    await page.getByRole('button', { name: '登记本设备' }).click();
    await page.getByText(/本设备已登记到：1号窗口/).waitFor();
    await context.close();
  });
});
