import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../sync-server/store/demo-hall';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { startInProcessServer, type InProcessServer } from '../support/server';

let srv: InProcessServer;
beforeEach(async () => {
  srv = await startInProcessServer();
});
afterEach(async () => {
  await srv.close();
});

const signInRaw = (employeeNo: string, password: string, headers?: Record<string, string>) =>
  api(srv.baseUrl, 'POST', '/api/v1/auth/sign-in', { body: { employeeNo, password }, headers });

describe('sign-in and sessions', () => {
  it('sets an httpOnly, SameSite=Strict session cookie and knows the person until sign-out', async () => {
    const res = await signInRaw(DEMO_ACCOUNTS.LEAD, DEMO_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ employeeNo: 'D1002', roles: ['STAFF', 'LEAD'], windowId: 'demo-w1', mustChangePassword: false });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^hcp_session=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0];
    expect((await api(srv.baseUrl, 'GET', '/api/v1/auth/me', { cookie })).body.name).toBe('王芳（演示）');
    expect((await api(srv.baseUrl, 'POST', '/api/v1/auth/sign-out', { cookie })).status).toBe(204);
    expect((await api(srv.baseUrl, 'GET', '/api/v1/auth/me', { cookie })).status).toBe(401);
  });

  it('answers a wrong password and an unknown 工号 alike', async () => {
    const wrong = await signInRaw(DEMO_ACCOUNTS.STAFF, 'not-the-password');
    const unknown = await signInRaw('Z9999', DEMO_PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  // Delays after failed sign-ins (no account lock-out): sign-in-limits.test.ts.

  it('refuses malformed sign-in requests with a clear error', async () => {
    for (const body of [{}, { employeeNo: 'D1001' }, { employeeNo: 'D 1001', password: 'x' }, { employeeNo: 'D1001', password: 1 }]) {
      const res = await api(srv.baseUrl, 'POST', '/api/v1/auth/sign-in', { body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('password change', () => {
  it('needs the current password, refuses weak ones, and signs out the other devices', async () => {
    const here = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF);
    const elsewhere = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF);
    const change = (body: unknown) => api(srv.baseUrl, 'POST', '/api/v1/auth/password', { cookie: here, body });
    expect((await change({ currentPassword: 'wrong-one', newPassword: 'a-good-passphrase' })).body.error.code).toBe('WRONG_PASSWORD');
    expect((await change({ currentPassword: DEMO_PASSWORD, newPassword: 'short' })).status).toBe(400);
    expect((await change({ currentPassword: DEMO_PASSWORD, newPassword: 'xxD1001xx' })).body.error.code).toBe('PASSWORD_TOO_WEAK');
    expect((await change({ currentPassword: DEMO_PASSWORD, newPassword: 'a-good-passphrase' })).status).toBe(200);
    expect((await api(srv.baseUrl, 'GET', '/api/v1/auth/me', { cookie: here })).status).toBe(200);
    expect((await api(srv.baseUrl, 'GET', '/api/v1/auth/me', { cookie: elsewhere })).status).toBe(401);
    expect((await signInRaw(DEMO_ACCOUNTS.STAFF, DEMO_PASSWORD)).status).toBe(401);
    expect((await signInRaw(DEMO_ACCOUNTS.STAFF, 'a-good-passphrase')).status).toBe(200);
  });

  it('keeps a new account to "change your password" until it does', async () => {
    const admin = await signIn(srv.baseUrl, DEMO_ACCOUNTS.ADMIN);
    const created = await api(srv.baseUrl, 'POST', '/api/v1/admin/staff', {
      cookie: admin,
      body: { employeeNo: 'N3001', name: '新同事', unitId: 'demo-unit', windowId: 'demo-w2', roles: ['STAFF'], password: 'first-password' },
    });
    expect(created.status).toBe(201);
    const cookie = await signIn(srv.baseUrl, 'N3001', 'first-password');
    expect((await api(srv.baseUrl, 'GET', '/api/v1/auth/me', { cookie })).body.mustChangePassword).toBe(true);
    expect((await api(srv.baseUrl, 'GET', '/api/v1/ratings', { cookie })).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await api(srv.baseUrl, 'POST', '/api/v1/auth/password', { cookie, body: { currentPassword: 'first-password', newPassword: 'my-own-password' } });
    expect((await api(srv.baseUrl, 'GET', '/api/v1/ratings', { cookie })).status).toBe(200);
  });
});

describe('request hygiene', () => {
  it('refuses a state change sent from another site', async () => {
    const cookie = await signIn(srv.baseUrl, DEMO_ACCOUNTS.ADMIN);
    const res = await api(srv.baseUrl, 'POST', '/api/v1/admin/units', {
      cookie,
      headers: { origin: 'http://evil.example' },
      body: { name: { 'zh-CN': '假单位', en: 'Fake', bo: 'རྫུན་མ།' } },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CROSS_ORIGIN');
    expect((await srv.store.loadCatalog()).units).toHaveLength(1);
  });

  it('sends a Content-Security-Policy and the other security headers', async () => {
    const res = await api(srv.baseUrl, 'GET', '/api/v1/health');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});
