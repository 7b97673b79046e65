import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../sync-server/store/demo-hall';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { startInProcessServer, tempDir, type InProcessServer } from '../support/server';

let srv: InProcessServer;
beforeEach(async () => {
  // A stopped clock: a delay never runs out while a busy machine is slow to send the next request.
  const stopped = Date.now();
  srv = await startInProcessServer({ app: { signInClock: () => stopped } });
});
afterEach(async () => {
  await srv.close();
});

const auditActions = async (targetId: string) => {
  const audit = await api(srv.baseUrl, 'GET', '/api/v1/audit', { cookie: await signIn(srv.baseUrl, DEMO_ACCOUNTS.SUPERVISION) });
  return audit.body.entries.filter((e: { targetId: string }) => e.targetId === targetId);
};

describe('a signed-in session checking its own password', () => {
  it('is delayed after five wrong passwords through /auth/password and /auth/pin together, and each failure is logged', async () => {
    const cookie = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF);
    const change = (currentPassword: string) =>
      api(srv.baseUrl, 'POST', '/api/v1/auth/password', { cookie, body: { currentPassword, newPassword: 'a-good-passphrase' } });
    const pin = (currentPassword: string) => api(srv.baseUrl, 'POST', '/api/v1/auth/pin', { cookie, body: { currentPassword, pin: '271828' } });
    for (let i = 0; i < 3; i++) expect((await change(`guess-${i}`)).body.error.code).toBe('WRONG_PASSWORD');
    for (let i = 3; i < 5; i++) expect((await pin(`guess-${i}`)).body.error.code).toBe('WRONG_PASSWORD');
    const delayed = await change(DEMO_PASSWORD);
    expect(delayed.status).toBe(429);
    expect(delayed.body.error.code).toBe('RATE_LIMITED');
    expect(Number(delayed.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await pin(DEMO_PASSWORD)).status).toBe(429);
    const logged = await auditActions('demo-s1');
    expect(logged.filter((e: { action: string }) => e.action === 'password.change-refused')).toHaveLength(3);
    expect(logged.filter((e: { action: string }) => e.action === 'pin.set-refused')).toHaveLength(2);
    expect(logged.find((e: { action: string }) => e.action === 'pin.set-refused').detail).toMatchObject({ failures: 5 });
  });
});

describe('weak passwords', () => {
  it('are refused when a person chooses one, with a code that says why', async () => {
    const cookie = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF);
    const change = (newPassword: string) =>
      api(srv.baseUrl, 'POST', '/api/v1/auth/password', { cookie, body: { currentPassword: DEMO_PASSWORD, newPassword } });
    expect((await change('12345678')).body.error.code).toBe('PASSWORD_TOO_COMMON');
    expect((await change('password')).body.error.code).toBe('PASSWORD_TOO_COMMON');
    expect((await change('        ')).body.error.code).toBe('PASSWORD_BLANK');
    expect((await change('xxD1001xx')).body.error.code).toBe('PASSWORD_TOO_WEAK');
    expect((await change('a-good-passphrase')).status).toBe(200);
    // The demo password still signs in the other seeded accounts, but a person may not choose it.
    const lead = await signIn(srv.baseUrl, DEMO_ACCOUNTS.LEAD);
    const back = await api(srv.baseUrl, 'POST', '/api/v1/auth/password', { cookie, body: { currentPassword: 'a-good-passphrase', newPassword: DEMO_PASSWORD } });
    expect(back.body.error.code).toBe('PASSWORD_TOO_COMMON');
    expect(lead).toMatch(/^hcp_session=/);
  });

  it('are refused as first passwords and resets set by an administrator', async () => {
    const admin = await signIn(srv.baseUrl, DEMO_ACCOUNTS.ADMIN);
    const create = (password: string) =>
      api(srv.baseUrl, 'POST', '/api/v1/admin/staff', {
        cookie: admin,
        body: { employeeNo: 'N3002', name: '新同事', unitId: 'demo-unit', windowId: 'demo-w2', roles: ['STAFF'], password },
      });
    expect((await create('12345678')).body.error.code).toBe('PASSWORD_TOO_COMMON');
    expect((await create('N3002-first')).body.error.code).toBe('PASSWORD_TOO_WEAK');
    expect((await srv.store.findAccountByEmployeeNo('N3002'))).toBeNull();
    const reset = (password: string) => api(srv.baseUrl, 'PATCH', '/api/v1/admin/staff/demo-s1', { cookie: admin, body: { password } });
    expect((await reset('        ')).body.error.code).toBe('PASSWORD_BLANK');
    expect((await reset('qwertyuiop')).body.error.code).toBe('PASSWORD_TOO_COMMON');
    expect((await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF))).toMatch(/^hcp_session=/);
  });

  it('are refused by create-admin', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const run = (password: string) => {
      try {
        execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'sync-server/accounts-cli.ts'), '--employee-no', 'A0001', '--name', '管理员'], {
          cwd: root,
          env: { ...process.env, DATA_DIR: tempDir('cli'), HCP_ADMIN_PASSWORD: password },
          stdio: 'pipe',
        });
        return { code: 0, stderr: '' };
      } catch (err) {
        const e = err as { status: number; stderr: Buffer };
        return { code: e.status, stderr: String(e.stderr) };
      }
    };
    const refused = run('password123');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/common/);
  });
});
