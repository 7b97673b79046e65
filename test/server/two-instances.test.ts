import { afterEach, describe, expect, it } from 'vitest';
import { trustProxyFrom } from '../../sync-server/config';
import { DEMO_PASSWORD } from '../../sync-server/store/demo-hall';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { badRating, DEMO_DEVICE } from '../support/ratings';
import { postJson, spawnServer, startInProcessServer, tempDir, type InProcessServer, type ServerProcess } from '../support/server';

/**
 * Issue 13: requests for one person or device may land on any instance. Two instances on one data folder (each its
 * own app and its own connection to the SQLite file, or its own process) must answer as one would: nothing that
 * matters is kept in one instance's memory.
 */
let instances: InProcessServer[] = [];
let processes: ServerProcess[] = [];
afterEach(async () => {
  for (const p of processes) await p.stop();
  for (const i of instances) await i.close();
  instances = [];
  processes = [];
});

/** Two apps on one data folder, with one stopped clock for the password delays: a delay never runs out mid-test. */
async function twoInstances() {
  const dataDir = tempDir('two');
  const stopped = Date.now();
  // The test process is the proxy of both, so each request can speak from the client address it names.
  const app = { trustProxy: trustProxyFrom('127.0.0.1'), signInClock: () => stopped };
  const a = await startInProcessServer({ dataDir, app });
  const b = await startInProcessServer({ dataDir, app });
  instances.push(a, b);
  return [a.baseUrl, b.baseUrl] as const;
}

const from = (ip: string) => ({ 'x-forwarded-for': ip });
const attempt = (baseUrl: string, employeeNo: string, password: string, ip: string) =>
  api(baseUrl, 'POST', '/api/v1/auth/sign-in', { body: { employeeNo, password }, headers: from(ip) });
const me = (baseUrl: string, cookie: string) => api(baseUrl, 'GET', '/api/v1/auth/me', { cookie });
const report = { appVersion: '0.3.0', queueDepth: 0, conflicts: 0, deadLetters: 0, storagePersisted: true };
const wrongCode = (baseUrl: string, ip?: string) =>
  api(baseUrl, 'POST', '/api/v1/devices/enrol', { body: { code: 'AAAA-BBBB', deviceId: 'dev-two-instances', report }, headers: ip ? from(ip) : {} });

describe('two instances on one database', () => {
  it('know a session made on either, and refuse it on both once signed out on one', async () => {
    const [a, b] = await twoInstances();
    const cookie = await signIn(a, DEMO_ACCOUNTS.STAFF);
    expect((await me(b, cookie)).body.employeeNo).toBe(DEMO_ACCOUNTS.STAFF);
    expect((await api(b, 'POST', '/api/v1/auth/sign-out', { cookie })).status).toBe(204);
    expect((await me(a, cookie)).status).toBe(401);
    expect((await me(b, cookie)).status).toBe(401);
  });

  it('add up wrong passwords on both to the same delay as on one, and a success on one clears it for both', async () => {
    const [a, b] = await twoInstances();
    for (let i = 0; i < 3; i++) expect((await attempt(a, DEMO_ACCOUNTS.STAFF, `wrong-a${i}`, '10.0.0.7')).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await attempt(b, DEMO_ACCOUNTS.STAFF, `wrong-b${i}`, '10.0.0.7')).status).toBe(401);
    for (const base of [a, b]) {
      const delayed = await attempt(base, DEMO_ACCOUNTS.STAFF, DEMO_PASSWORD, '10.0.0.7');
      expect(delayed.status).toBe(429);
      expect(delayed.headers.get('retry-after')).toBe('2'); // the sixth attempt of one 工号 at one address, as on one instance
    }
    // Another address is not delayed, and its success on one instance is known to the other.
    expect((await attempt(b, DEMO_ACCOUNTS.STAFF, 'wrong-c', '10.0.0.8')).status).toBe(401);
    expect((await attempt(a, DEMO_ACCOUNTS.STAFF, DEMO_PASSWORD, '10.0.0.8')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await attempt(b, DEMO_ACCOUNTS.STAFF, `wrong-d${i}`, '10.0.0.8')).status).toBe(401);
  });

  it('let no more than the free attempts through when parallel guesses are spread over both', async () => {
    const [a, b] = await twoInstances();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(i % 2 ? a : b, DEMO_ACCOUNTS.LEAD, `parallel-${i}`, '10.0.0.11')));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('count a session checking its own password on both instances together', async () => {
    const [a, b] = await twoInstances();
    const cookie = await signIn(a, DEMO_ACCOUNTS.STAFF);
    const pin = (base: string, currentPassword: string) => api(base, 'POST', '/api/v1/auth/pin', { cookie, body: { currentPassword, pin: '271828' } });
    for (let i = 0; i < 5; i++) expect((await pin(i % 2 ? a : b, `guess-${i}`)).body.error.code).toBe('WRONG_PASSWORD');
    expect((await pin(a, DEMO_PASSWORD)).status).toBe(429);
    expect((await pin(b, DEMO_PASSWORD)).status).toBe(429);
  });

  it('count wrong enrolment codes from one address on both towards the one limit', async () => {
    const [a, b] = await twoInstances();
    for (let i = 0; i < 20; i++) expect((await wrongCode(i % 2 ? a : b, '10.0.0.20')).status).toBe(400);
    expect((await wrongCode(a, '10.0.0.20')).body.error.code).toBe('RATE_LIMITED');
    expect((await wrongCode(b, '10.0.0.20')).body.error.code).toBe('RATE_LIMITED');
    expect((await wrongCode(b, '10.0.0.21')).status).toBe(400); // another address is not limited
  });

  it('give the same case summary whichever took the rating, also after each answered it once', async () => {
    const [a, b] = await twoInstances();
    const lead = await signIn(a, DEMO_ACCOUNTS.LEAD);
    const summary = async (base: string) => (await api(base, 'GET', '/api/v1/cases/summary', { cookie: lead })).body;
    await postJson(a + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [badRating({ staffId: 'demo-s1' })] });
    expect(await summary(a)).toMatchObject({ open: 1, overdue: 0 });
    expect(await summary(b)).toMatchObject({ open: 1, overdue: 0 });
    await postJson(b + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [badRating({ staffId: 'demo-s1' })] });
    expect(await summary(a)).toEqual(await summary(b));
    expect((await summary(a)).open).toBe(2);
  });
});

describe('two server processes on one data folder', () => {
  it('started together: share sessions, sign-outs and the enrolment-code limit', async () => {
    const dataDir = tempDir('two-proc');
    processes = await Promise.all([spawnServer({ dataDir }), spawnServer({ dataDir })]);
    const [a, b] = processes.map((p) => p.baseUrl);
    const cookie = await signIn(b, DEMO_ACCOUNTS.ADMIN);
    expect((await me(a, cookie)).body.employeeNo).toBe(DEMO_ACCOUNTS.ADMIN);
    for (let i = 0; i < 20; i++) expect((await wrongCode(i % 2 ? a : b)).status).toBe(400);
    expect((await wrongCode(a)).body.error.code).toBe('RATE_LIMITED');
    expect((await wrongCode(b)).body.error.code).toBe('RATE_LIMITED');
    expect((await api(a, 'POST', '/api/v1/auth/sign-out', { cookie })).status).toBe(204);
    expect((await me(b, cookie)).status).toBe(401);
  });
});
