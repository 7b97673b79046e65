import { afterEach, describe, expect, it } from 'vitest';
import { trustProxyFrom } from '../../sync-server/config';
import { DEMO_PASSWORD } from '../../sync-server/store/demo-hall';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { startInProcessServer, type InProcessServer } from '../support/server';

// The server trusts the test process as its one proxy, so each test can speak from several client addresses.
let srv: InProcessServer;
let clock = 1_000_000;
afterEach(async () => {
  await srv?.close();
});
async function start(trustProxy: string = '127.0.0.1') {
  clock = 1_000_000;
  srv = await startInProcessServer({ app: { trustProxy: trustProxyFrom(trustProxy), signInClock: () => clock } });
}
const from = (ip: string) => ({ 'x-forwarded-for': ip });
const attempt = (employeeNo: string, password: string, ip: string) =>
  api(srv.baseUrl, 'POST', '/api/v1/auth/sign-in', { body: { employeeNo, password }, headers: from(ip) });

describe('sign-in delays', () => {
  it('delays a 工号 at one address after five failures, doubling, and answers a known and an unknown 工号 alike', async () => {
    await start();
    for (const no of [DEMO_ACCOUNTS.STAFF, 'Z9999']) {
      for (let i = 0; i < 5; i++) expect((await attempt(no, `wrong-${i}`, '10.0.0.7')).status).toBe(401);
    }
    const known = await attempt(DEMO_ACCOUNTS.STAFF, 'wrong-again', '10.0.0.7');
    const unknown = await attempt('Z9999', 'wrong-again', '10.0.0.7');
    expect(known.status).toBe(429);
    expect(unknown.status).toBe(429);
    expect(known.body).toEqual(unknown.body);
    expect(known.body.error.code).toBe('RATE_LIMITED');
    expect(known.headers.get('retry-after')).toBe('2');
    expect(unknown.headers.get('retry-after')).toBe('2');
    // Refused during the wait even with the right password: the answer would tell a guesser it was right.
    expect((await attempt(DEMO_ACCOUNTS.STAFF, DEMO_PASSWORD, '10.0.0.7')).status).toBe(429);
    clock += 2_000;
    expect((await attempt(DEMO_ACCOUNTS.STAFF, 'wrong-6', '10.0.0.7')).status).toBe(401);
    expect((await attempt(DEMO_ACCOUNTS.STAFF, DEMO_PASSWORD, '10.0.0.7')).headers.get('retry-after')).toBe('4');
    clock += 4_000;
    expect((await attempt(DEMO_ACCOUNTS.STAFF, DEMO_PASSWORD, '10.0.0.7')).status).toBe(200);
    // Success clears the count for that 工号 at that address.
    expect((await attempt(DEMO_ACCOUNTS.STAFF, 'wrong-7', '10.0.0.7')).status).toBe(401);
  });

  it("does not keep the real person out: someone else's failures elsewhere do not delay their right password", async () => {
    await start();
    for (let i = 0; i < 30; i++) await attempt(DEMO_ACCOUNTS.STAFF, `wrong-${i}`, '10.0.0.66');
    expect((await attempt(DEMO_ACCOUNTS.STAFF, DEMO_PASSWORD, '10.0.0.66')).status).toBe(429);
    expect((await attempt(DEMO_ACCOUNTS.STAFF, DEMO_PASSWORD, '10.0.0.8')).status).toBe(200);
    expect((await attempt(DEMO_ACCOUNTS.STAFF, DEMO_PASSWORD, "10.0.0.9")).body.employeeNo).toBe(DEMO_ACCOUNTS.STAFF);
  });

  it('lets no more than the free attempts through when guesses arrive all at once', async () => {
    await start();
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(DEMO_ACCOUNTS.STAFF, `parallel-${i}`, '10.0.0.11'))).then((r) => r.map((x) => x.status));
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('delays an address trying many 工号 after ten failures, its right passwords included', async () => {
    await start();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await attempt(`X${1000 + i}`, 'whatever-pw', '10.0.0.5')).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect((await attempt(DEMO_ACCOUNTS.OFFICE, DEMO_PASSWORD, '10.0.0.5')).status).toBe(429);
    expect((await attempt(DEMO_ACCOUNTS.OFFICE, DEMO_PASSWORD, '10.0.0.6')).status).toBe(200);
  });

  it('with TRUST_PROXY=1 takes the address the proxy saw, not one the client wrote in X-Forwarded-For', async () => {
    await start('1');
    // Each attempt claims a new address on the left; the proxy appended the real one on the right.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await attempt(`X${1000 + i}`, 'whatever-pw', `6.6.6.${i}, 10.0.0.5`)).status);
    expect(statuses.at(-1)).toBe(429);
    const audit = await api(srv.baseUrl, 'GET', '/api/v1/audit', { cookie: await signIn(srv.baseUrl, DEMO_ACCOUNTS.SUPERVISION) });
    const failed = audit.body.entries.filter((e: { action: string }) => e.action === 'sign-in.failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((e: { ip: string }) => e.ip === '10.0.0.5')).toBe(true);
  });
});

describe('TRUST_PROXY', () => {
  it('reads a hop count or proxy addresses, and refuses to trust every X-Forwarded-For', () => {
    expect(trustProxyFrom(undefined)).toBe(false);
    expect(trustProxyFrom('0')).toBe(false);
    expect(trustProxyFrom('1')).toBe(1);
    expect(trustProxyFrom('2')).toBe(2);
    expect(trustProxyFrom('10.0.0.1, 192.168.0.0/16,::1')).toEqual(['10.0.0.1', '192.168.0.0/16', '::1']);
    for (const bad of ['true', 'yes', '10.0.0.300', '10.0.0.0/33', '-1']) expect(() => trustProxyFrom(bad)).toThrow(/TRUST_PROXY/);
  });
});
