import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_REASONS } from '../../src/domain/reasons';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { hashPassword } from '../../sync-server/crypto/passwords';
import { openStore } from '../../sync-server/store/open-store';
import type { Store } from '../../sync-server/store/store';
import { api } from '../support/api';
import { badRating } from '../support/ratings';
import { openDemoStore, postJson, spawnServer, tempDir, type ServerProcess } from '../support/server';

/**
 * Demo or production is decided once per data folder and stored; these start the real server process again and
 * again on one folder, with DEMO unset (''), 1 or 0, as an operator restarting a hall would.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const SLOW = 120_000;

let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function start(dataDir: string, demo: '' | '1' | '0') {
  server = await spawnServer({ dataDir, env: { DEMO: demo } });
  const health = await api(server.baseUrl, 'GET', '/api/v1/health');
  return { mode: health.body.mode as string, baseUrl: server.baseUrl, output: server.output };
}
async function stop() {
  await server?.stop();
  server = undefined;
}

function createAdmin(dataDir: string) {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'sync-server/accounts-cli.ts'), '--employee-no', 'A0001', '--name', '管理员'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, HCP_ADMIN_PASSWORD: 'a strong first password', DEMO: '' },
    stdio: 'ignore',
  });
}

async function withStore<T>(dataDir: string, use: (store: Store) => Promise<T>): Promise<T> {
  const { store } = await openStore(dataDir, {});
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** What an anonymous caller gets from a kiosk's routes: open in demo mode, closed in a real hall. */
async function anonymousKiosk(baseUrl: string) {
  const push = await postJson(baseUrl + PUSH_RATINGS_PATH, { deviceId: 'dev-anyone', sentAt: Date.now(), items: [badRating({ deviceId: 'dev-anyone' })] });
  const config = await api(baseUrl, 'GET', '/api/v1/kiosk/config');
  return { push: [push.status, push.body?.error?.code], config: [config.status, config.body?.error?.code] };
}
const CLOSED = { push: [401, 'DEVICE_CREDENTIAL_REQUIRED'], config: [401, 'DEVICE_CREDENTIAL_REQUIRED'] };

describe('a real hall', () => {
  it(
    'started once with DEMO=0 stays production when restarted with DEMO unset or DEMO=1, and keeps its reasons as the administrator left them',
    async () => {
      const dataDir = tempDir('mode-prod');
      expect((await start(dataDir, '0')).mode).toBe('production');
      createAdmin(dataDir);
      await stop();

      // Every new real hall starts with DOMAIN.md's list, labels in all three languages: 不满意 can be submitted at once.
      const reasons = await withStore(dataDir, (s) => s.loadCatalog().then((c) => c.reasons));
      expect(reasons).toEqual(DEFAULT_REASONS);
      expect(reasons.every((r) => r.label['zh-CN'] && r.label.en && r.label.bo)).toBe(true);
      await withStore(dataDir, async (s) => {
        await s.updateReason('ATTITUDE', { active: false });
        await s.updateReason('EFFICIENCY', { label: { 'zh-CN': '办事慢', en: 'Slow', bo: 'ལས་དོན་འགོར་བ།' } });
      });

      const unset = await start(dataDir, '');
      expect(unset.mode).toBe('production');
      expect(await anonymousKiosk(unset.baseUrl)).toEqual(CLOSED);
      await stop();

      const asked = await start(dataDir, '1');
      expect(asked.mode).toBe('production');
      expect(await anonymousKiosk(asked.baseUrl)).toEqual(CLOSED);
      expect(asked.output()).toMatch(/DEMO=1 is ignored/);
      await stop();

      // Seeded once: a retired reason does not come back, an edited one keeps its new label.
      const after = await withStore(dataDir, (s) => s.loadCatalog().then((c) => c.reasons));
      expect(after).toHaveLength(DEFAULT_REASONS.length);
      expect(after.find((r) => r.key === 'ATTITUDE')!.active).toBe(false);
      expect(after.find((r) => r.key === 'EFFICIENCY')!.label.en).toBe('Slow');
    },
    SLOW,
  );

  it(
    'made with create-admin before the first start is production with DEMO unset, with its reasons',
    async () => {
      const dataDir = tempDir('mode-cli');
      createAdmin(dataDir);
      const started = await start(dataDir, '');
      expect(started.mode).toBe('production');
      expect(await anonymousKiosk(started.baseUrl)).toEqual(CLOSED);
      await stop();
      expect((await withStore(dataDir, (s) => s.loadCatalog())).reasons.map((r) => r.key)).toEqual(DEFAULT_REASONS.map((r) => r.key));
    },
    SLOW,
  );
});

describe('the demo hall', () => {
  it(
    'is what a fresh `npm start` opens, and stays demo at restarts; DEMO=0 then makes it a real hall for good',
    async () => {
      const dataDir = tempDir('mode-demo');
      const first = await start(dataDir, '');
      expect(first.mode).toBe('demo');
      expect((await anonymousKiosk(first.baseUrl)).push[0]).toBe(200);
      await stop();
      expect((await start(dataDir, '')).mode).toBe('demo');
      await stop();

      const switched = await start(dataDir, '0');
      expect(switched.mode).toBe('production');
      expect(switched.output()).toMatch(/now a real hall .*demo1234/);
      await stop();
      const unset = await start(dataDir, '');
      expect(unset.mode).toBe('production');
      expect(await anonymousKiosk(unset.baseUrl)).toEqual(CLOSED);
    },
    SLOW,
  );
});

describe('a database from before the mode was stored', () => {
  it(
    'is the demo hall only when it holds exactly the demo accounts; one real account more makes it production',
    async () => {
      const demoOnly = tempDir('mode-old-demo');
      await (await openDemoStore(demoOnly)).close();
      expect((await start(demoOnly, '')).mode).toBe('demo');
      await stop();

      const withReal = tempDir('mode-old-real');
      const store = await openDemoStore(withReal);
      await store.insertAccount({
        id: 'staff-real-1', name: '真实管理员', employeeNo: 'A0001', unitId: 'demo-unit', windowId: null, roles: ['ADMIN'], active: true,
        photoUpdatedAt: null, passwordHash: await hashPassword('a strong first password'), pinHash: null, mustChangePassword: false,
        failedSignIns: 0, lockedUntil: null,
      });
      await store.close();
      const asked = await start(withReal, '1');
      expect(asked.mode).toBe('production');
      expect(asked.output()).toMatch(/DEMO=1 is ignored/);
      expect(await anonymousKiosk(asked.baseUrl)).toEqual(CLOSED);
    },
    SLOW,
  );
});
