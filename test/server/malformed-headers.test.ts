import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { startInProcessServer, type InProcessServer } from '../support/server';

/**
 * Headers a browser or a proxy may really send: a sandboxed page's `Origin: null`, a cookie whose value is not
 * valid percent-encoding. Each is the client's doing, so no route may answer 500. The route list is the app's own.
 */
let srv: InProcessServer;
let admin: string;

beforeAll(async () => {
  srv = await startInProcessServer();
  admin = await signIn(srv.baseUrl, DEMO_ACCOUNTS.ADMIN);
});
afterAll(async () => {
  await srv.close();
});

const RATING_ID = '01900000-0000-7000-8000-000000000000';
const pathOf = (url: string) =>
  url.replace(/:(\w+)/g, (_m, name: string) => (/\/(ratings|paper)\//.test(url) ? RATING_ID : name === 'key' ? 'ATTITUDE' : name === 'year' ? '2026' : 'demo-s1'));

const routes = () => [...srv.app.apiRoutes.map((r) => ({ method: r.method, path: pathOf(r.url) })), { method: 'GET', path: '/no-such-page' }];

describe('malformed request headers', () => {
  it('a cookie that is not valid percent-encoding is ignored on every route, sign-out and health included', async () => {
    for (const cookie of ['hcp_session=%', 'hcp_session=%E0%A4%A', `${admin}; hcp_session=%zz`]) {
      for (const { method, path } of routes()) {
        // Sign-out with the admin's real cookie would end the session the next test uses.
        if (path.endsWith('/sign-out') && cookie.includes(admin)) continue;
        const res = await api(srv.baseUrl, method, path, { cookie, body: method === 'GET' ? undefined : {} });
        expect(res.status, `${cookie} ${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`).toBeLessThan(500);
      }
    }
    const health = await api(srv.baseUrl, 'GET', '/api/v1/health', { cookie: 'hcp_session=%' });
    expect(health.status).toBe(200);
    const signOut = await api(srv.baseUrl, 'POST', '/api/v1/auth/sign-out', { cookie: 'hcp_session=%', body: {} });
    expect(signOut.status).toBeLessThan(300);
    const me = await api(srv.baseUrl, 'GET', '/api/v1/auth/me', { cookie: 'hcp_session=%' });
    expect(me.status).toBe(401);
  });

  it('Origin: null (or any origin that is not a URL) is refused as another site, never a 500', async () => {
    for (const origin of ['null', 'not a url', 'http://']) {
      for (const { method, path } of routes()) {
        if (path.endsWith('/sign-out')) continue;
        const res = await api(srv.baseUrl, method, path, { cookie: admin, headers: { origin }, body: method === 'GET' ? undefined : {} });
        expect(res.status, `Origin ${origin} ${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`).toBeLessThan(500);
      }
      const change = await api(srv.baseUrl, 'POST', '/api/v1/admin/units', { cookie: admin, headers: { origin }, body: {} });
      expect(change.status).toBe(403);
      expect(change.body.error.code).toBe('CROSS_ORIGIN');
    }
    // The session is still good, and the same call from the app's own origin gets past the check.
    const own = await api(srv.baseUrl, 'POST', '/api/v1/admin/units', { cookie: admin, headers: { origin: srv.baseUrl }, body: {} });
    expect(own.status).toBe(400);
  });
});
