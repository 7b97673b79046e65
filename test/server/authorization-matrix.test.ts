import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, type Permission, type Role } from '../../src/domain/roles';
import type { Access } from '../../sync-server/auth/access';
import { CASE_LIVE_PATH } from '../../src/domain/case-live';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { openCaseStream } from '../support/live-stream';
import { startInProcessServer, type InProcessServer } from '../support/server';

/**
 * Every API route and who may call it. A route added to the server without a line here fails the first test, so
 * none can be forgotten; the second calls each route as anonymous and as every role.
 */
const EXPECTED: Record<string, Access> = {
  'GET /api/v1/health': 'public',
  'GET /api/v1/kiosk/config': 'device-or-demo',
  'POST /api/v1/sync/ratings': 'device-or-demo',
  'POST /api/v1/devices/enrol': 'public',
  'POST /api/v1/devices/checkin': 'device',
  'POST /api/v1/auth/pin': 'signed-in',
  'GET /api/v1/forms/config': 'paper.enter',
  'POST /api/v1/sync/paper': 'paper.enter',
  'PUT /api/v1/sync/paper/:id/photo': 'paper.enter',
  'POST /api/v1/forms/duplicate-check': 'paper.enter',
  'GET /api/v1/forms/checks': 'paper.enter',
  'POST /api/v1/forms/checks/:id/confirm': 'paper.enter',
  'POST /api/v1/ratings/:id/photo': 'contact.reveal',
  'GET /api/v1/cases': 'cases.read',
  'GET /api/v1/cases/summary': 'cases.read',
  // The live case stream (issue 13): scoped like the list; an event stream, so only its status is read below.
  'GET /api/v1/cases/live': 'cases.read',
  'POST /api/v1/sync/case-actions': 'cases.act',
  // Counts of bad taps abandoned at the reason screen (issue 11): the handler narrows to leads and supervision.
  'POST /api/v1/sync/abandoned-taps': 'device-or-demo',
  'GET /api/v1/cases/abandoned-taps': 'abandoned.read',
  'GET /api/v1/admin/calendar': 'catalog.manage',
  'PUT /api/v1/admin/calendar/:year': 'catalog.manage',
  'POST /api/v1/admin/enrolment-codes': 'devices.manage',
  'GET /api/v1/admin/devices': 'devices.manage',
  'POST /api/v1/admin/devices/:id/revoke': 'devices.manage',
  // 办件 (issue 14): business-system tokens are made by whoever enrols tablets; the batch takes only such a token.
  'POST /api/v1/admin/system-tokens': 'devices.manage',
  'GET /api/v1/admin/system-tokens': 'devices.manage',
  'POST /api/v1/admin/system-tokens/:id/revoke': 'devices.manage',
  'POST /api/v1/service-cases': 'system-token',
  'GET /api/v1/service-cases/mine': 'signed-in',
  // Invitations (一次一评): the 办件's clerk or window lead (scope in the handler), the business system, the kiosk.
  'POST /api/v1/service-cases/:id/invitation': 'signed-in',
  'POST /api/v1/service-cases/invitations': 'system-token',
  'GET /api/v1/kiosk/invitation': 'device-or-demo',
  'GET /api/v1/kiosk/service-cases': 'device-or-demo',
  // 办件 (issue 14): the tablet's own entries, the administrator's upload, the phone page and its links.
  'POST /api/v1/sync/service-cases': 'paper.enter',
  'POST /api/v1/admin/service-cases/import': 'devices.manage',
  'POST /api/v1/service-cases/:id/rating-link': 'signed-in',
  'POST /api/v1/admin/windows/:id/rating-link': 'catalog.manage',
  'GET /api/v1/r/:token': 'public',
  'POST /api/v1/r/:token': 'public',
  'GET /api/v1/staff/:id/photo': 'public',
  'GET /api/v1/public/units': 'public',
  'GET /api/v1/public/units/:unitId/months/:month': 'public',
  'GET /api/v1/public/units/:unitId/trend': 'public',
  'GET /api/v1/public/units/:unitId/reviews': 'public',
  'POST /api/v1/auth/sign-in': 'public',
  'POST /api/v1/auth/sign-out': 'public',
  'GET /api/v1/auth/me': 'signed-in',
  'GET /api/v1/auth/session': 'public',
  'POST /api/v1/auth/password': 'signed-in',
  'GET /api/v1/ratings': 'ratings.read',
  // Anti-coercion review (issue 14): leads read their window's flags, supervision reads all and marks.
  'GET /api/v1/rating-flags': 'flags.read',
  'PUT /api/v1/rating-flags/:id/review': 'ratings.review',
  // Public disclosure (issue 16): leads (their window) and the office decide which comments go public.
  'GET /api/v1/comment-publications': 'comments.publish',
  'POST /api/v1/comment-publications/:id': 'comments.publish',
  'POST /api/v1/auth/device-sign-in': 'signed-in',
  'GET /api/v1/admin/rating-flag-settings': 'catalog.manage',
  'PUT /api/v1/admin/rating-flag-settings': 'catalog.manage',
  // The annual rectification report (issue 15): every unit for office/supervision/personnel, a lead's own window.
  'GET /api/v1/reports/annual': 'reports.read',
  // The figures (issue 15): Attachment 2, every unit for the office, supervision and personnel, a lead's window.
  'GET /api/v1/reports/attachment2': 'reports.read',
  // Month close (issue 15): the office lists, reads and submits a month's figures.
  'GET /api/v1/reports/month-closes': 'reports.submit',
  'GET /api/v1/reports/month-closes/:month': 'reports.submit',
  'POST /api/v1/reports/month-closes/:month': 'reports.submit',
  // Rankings and flags (issue 15): personnel and supervision read; the administrator sets the bottom-run rule.
  'GET /api/v1/reports/rankings': 'rankings.read',
  'GET /api/v1/admin/ranking-settings': 'catalog.manage',
  'PUT /api/v1/admin/ranking-settings': 'catalog.manage',
  // The quarterly bulletin (issue 15): figures for the office, supervision, personnel; a lead's own window.
  'GET /api/v1/reports/bulletin': 'reports.read',
  'POST /api/v1/ratings/:id/contact': 'contact.reveal',
  'GET /api/v1/audit': 'audit.read',
  'GET /api/v1/admin/catalog': 'catalog.manage',
  'POST /api/v1/admin/units': 'catalog.manage',
  'PATCH /api/v1/admin/units/:id': 'catalog.manage',
  'POST /api/v1/admin/windows': 'catalog.manage',
  'PATCH /api/v1/admin/windows/:id': 'catalog.manage',
  'POST /api/v1/admin/service-items': 'catalog.manage',
  'PATCH /api/v1/admin/service-items/:id': 'catalog.manage',
  'POST /api/v1/admin/reasons': 'catalog.manage',
  'PATCH /api/v1/admin/reasons/:key': 'catalog.manage',
  'POST /api/v1/admin/staff': 'catalog.manage',
  'PATCH /api/v1/admin/staff/:id': 'catalog.manage',
  'PUT /api/v1/admin/staff/:id/photo': 'catalog.manage',
  'GET /api/v1/admin/role-grants': 'catalog.manage',
  'POST /api/v1/admin/role-grants/:id/approve': 'catalog.manage',
  'POST /api/v1/admin/role-grants/:id/refuse': 'catalog.manage',
};

// Parameters that exist (or are well formed) so a permitted call gets past authorization to the handler.
const PARAMS: Record<string, string> = { id: 'demo-s1', key: 'ATTITUDE' };
const RATING_ID = '01900000-0000-7000-8000-000000000000';

const ROLE_ACCOUNTS: [Role[], string][] = [
  [['STAFF'], DEMO_ACCOUNTS.STAFF],
  [['STAFF', 'LEAD'], DEMO_ACCOUNTS.LEAD],
  [['OFFICE'], DEMO_ACCOUNTS.OFFICE],
  [['SUPERVISION'], DEMO_ACCOUNTS.SUPERVISION],
  [['PERSONNEL'], DEMO_ACCOUNTS.PERSONNEL],
  [['ADMIN'], DEMO_ACCOUNTS.ADMIN],
];

let srv: InProcessServer;
const cookies = new Map<string, string>();

beforeAll(async () => {
  srv = await startInProcessServer();
  for (const [, no] of ROLE_ACCOUNTS) cookies.set(no, await signIn(srv.baseUrl, no));
});
afterAll(async () => {
  await srv.close();
});

// The matrix server runs in demo mode: 'device-or-demo' routes are open there; 'device' routes need a device
// credential, which no person's session is (tests/server/devices.test.ts covers credentials); 'system-token' routes
// a business-system token, which no session is either (service-cases-api.test.ts covers tokens).
const isPublic = (access: Access) => access === 'public' || access === 'device-or-demo';
const allowed = (roles: Role[], access: Access) =>
  isPublic(access) || access === 'signed-in' || roles.some((r) => ROLE_PERMISSIONS[r].includes(access as Permission));

/** An event stream never ends by itself: its status is read, then the stream closed. */
async function call(method: string, path: string, opts: { body?: unknown; cookie?: string }) {
  if (path !== CASE_LIVE_PATH) return api(srv.baseUrl, method, path, opts);
  const stream = await openCaseStream(srv.baseUrl, opts.cookie);
  stream.close();
  return { status: stream.status, body: stream.status === 200 ? 'text/event-stream' : null };
}

function pathOf(url: string) {
  return url.replace(/:(\w+)/g, (_m, name: string) => (/\/(ratings|paper)\//.test(url) ? RATING_ID : PARAMS[name]));
}

describe('authorization matrix', () => {
  it('lists every registered API route with the access it declares', () => {
    const registered = Object.fromEntries(srv.app.apiRoutes.map((r) => [`${r.method} ${r.url}`, r.access]));
    expect(registered).toEqual(EXPECTED);
  });

  for (const [route, access] of Object.entries(EXPECTED)) {
    const [method, url] = route.split(' ');
    // Sign-out would end the shared sessions; it is public and tested on its own.
    if (url.endsWith('/sign-out')) continue;
    it(`${route} (${access})`, async () => {
      // An empty JSON object: permitted callers reach validation (400) or a harmless answer, never a change.
      const body = method === 'GET' ? undefined : {};
      const anonymous = await call(method, pathOf(url), { body });
      if (isPublic(access)) expect(anonymous.status, `anonymous ${route}`).not.toBe(401);
      else expect(anonymous.status, `anonymous ${route}`).toBe(401);
      for (const [roles, no] of ROLE_ACCOUNTS) {
        const res = await call(method, pathOf(url), { body, cookie: cookies.get(no) });
        const label = `${roles.join('+')} ${route} → ${res.status} ${JSON.stringify(res.body)}`;
        if (access === 'device' || access === 'system-token') expect(res.status, label).toBe(401);
        else if (allowed(roles, access)) expect([401, 403], label).not.toContain(res.status);
        else expect(res.status, label).toBe(403);
      }
    });
  }
});
