import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_PATHS } from '../../src/domain/account-api';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { startInProcessServer, type InProcessServer } from '../support/server';

/**
 * What the app asks when /staff, /admin or /form opens. Nobody signed in is the usual answer there, so it must
 * not be a 401: the browser logs every failed fetch as a console error.
 */
let srv: InProcessServer;
beforeAll(async () => {
  srv = await startInProcessServer();
});
afterAll(async () => {
  await srv.close();
});

describe('GET /api/v1/auth/session', () => {
  it('answers 200 "not signed in" without a session, and never lets it be cached', async () => {
    const res = await api(srv.baseUrl, 'GET', AUTH_PATHS.session);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ signedIn: false });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers "not signed in" for an unknown or signed-out session', async () => {
    const unknown = await api(srv.baseUrl, 'GET', AUTH_PATHS.session, { cookie: 'hcp_session=' + 'x'.repeat(43) });
    expect(unknown.body).toEqual({ signedIn: false });
    const cookie = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF);
    await api(srv.baseUrl, 'POST', AUTH_PATHS.signOut, { cookie });
    const after = await api(srv.baseUrl, 'GET', AUTH_PATHS.session, { cookie });
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ signedIn: false });
  });

  it('names the signed-in person exactly as /auth/me does', async () => {
    const cookie = await signIn(srv.baseUrl, DEMO_ACCOUNTS.LEAD);
    const me = await api(srv.baseUrl, 'GET', AUTH_PATHS.me, { cookie });
    const res = await api(srv.baseUrl, 'GET', AUTH_PATHS.session, { cookie });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ signedIn: true, me: me.body });
    expect(res.body.me.employeeNo).toBe(DEMO_ACCOUNTS.LEAD);
  });

  it('/auth/me still refuses an anonymous caller', async () => {
    const res = await api(srv.baseUrl, 'GET', AUTH_PATHS.me);
    expect(res.status).toBe(401);
  });
});
