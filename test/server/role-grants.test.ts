import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { startInProcessServer, type InProcessServer } from '../support/server';

let srv: InProcessServer;
let admin: string;
beforeEach(async () => {
  srv = await startInProcessServer();
  admin = await signIn(srv.baseUrl, DEMO_ACCOUNTS.ADMIN);
});
afterEach(async () => {
  await srv.close();
});

const call = (cookie: string, method: string, path: string, body?: unknown) => api(srv.baseUrl, method, path, { cookie, body });
const rolesOf = async (id: string) => (await srv.store.getAccount(id))!.roles;
const auditOf = async (action: string, targetId: string) => {
  const entries = (await call(admin, 'GET', '/api/v1/audit?limit=200')).body.entries as { action: string; targetId: string; detail: any; actorId: string }[];
  return entries.filter((e) => e.action === action && e.targetId === targetId);
};

/** A second active administrator, signed in with a password of their own. */
async function secondAdmin(): Promise<{ cookie: string; id: string }> {
  const created = await call(admin, 'POST', '/api/v1/admin/staff', {
    employeeNo: 'A0002', name: '第二管理员', unitId: 'demo-unit', windowId: null, roles: ['ADMIN'], password: 'first-password-2',
  });
  expect(created.status).toBe(201);
  const cookie = await signIn(srv.baseUrl, 'A0002', 'first-password-2');
  expect((await call(cookie, 'POST', '/api/v1/auth/password', { currentPassword: 'first-password-2', newPassword: 'second admin own pw' })).status).toBe(200);
  return { cookie, id: created.body.id };
}

describe('role changes', () => {
  it('lets nobody change their own roles', async () => {
    const res = await call(admin, 'PATCH', '/api/v1/admin/staff/demo-admin', { roles: ['ADMIN', 'SUPERVISION'] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('CANNOT_CHANGE_OWN_ROLES');
    expect(await rolesOf('demo-admin')).toEqual(['ADMIN']);
    // The same roles again is no change, and allowed with the rest of the patch.
    expect((await call(admin, 'PATCH', '/api/v1/admin/staff/demo-admin', { roles: ['ADMIN'], name: '管理员（演示）' })).status).toBe(200);
  });

  it('with one administrator applies a grant at once and logs the old and new roles', async () => {
    const res = await call(admin, 'PATCH', '/api/v1/admin/staff/demo-s1', { roles: ['STAFF', 'SUPERVISION'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ roles: ['STAFF', 'SUPERVISION'], pendingGrant: null });
    const [entry] = await auditOf('account.update', 'demo-s1');
    expect(entry.detail).toMatchObject({ oldRoles: ['STAFF'], newRoles: ['STAFF', 'SUPERVISION'] });
  });

  it('with two administrators keeps a grant pending until the other one approves it from their own session', async () => {
    const second = await secondAdmin();
    const res = await call(admin, 'PATCH', '/api/v1/admin/staff/demo-s1', { roles: ['STAFF', 'SUPERVISION'], name: '李明（改）' });
    expect(res.status).toBe(200);
    expect(res.body.roles).toEqual(['STAFF']);
    expect(res.body.name).toBe('李明（改）');
    expect(res.body.pendingGrant.roles).toEqual(['SUPERVISION']);
    expect(await rolesOf('demo-s1')).toEqual(['STAFF']);
    const [requested] = await auditOf('account.roles-grant-requested', 'demo-s1');
    expect(requested.detail).toMatchObject({ oldRoles: ['STAFF'], newRoles: ['STAFF', 'SUPERVISION'] });

    const list = await call(second.cookie, 'GET', '/api/v1/admin/role-grants');
    expect(list.body.grants).toEqual([
      expect.objectContaining({ id: res.body.pendingGrant.id, staffId: 'demo-s1', employeeNo: 'D1001', roles: ['SUPERVISION'], oldRoles: ['STAFF'], requestedBy: 'demo-admin' }),
    ]);
    const grant = `/api/v1/admin/role-grants/${res.body.pendingGrant.id}`;
    const own = await call(admin, 'POST', `${grant}/approve`);
    expect([own.status, own.body.error.code]).toEqual([403, 'GRANT_NEEDS_ANOTHER_ADMIN']);
    expect(await rolesOf('demo-s1')).toEqual(['STAFF']);
    // A second grant for the same account waits behind the first.
    expect((await call(admin, 'PATCH', '/api/v1/admin/staff/demo-s1', { roles: ['STAFF', 'LEAD'] })).body.error.code).toBe('GRANT_PENDING');

    const approved = await call(second.cookie, 'POST', `${grant}/approve`);
    expect(approved.status).toBe(200);
    expect(await rolesOf('demo-s1')).toEqual(['STAFF', 'SUPERVISION']);
    const [entry] = await auditOf('account.roles-grant-approved', 'demo-s1');
    expect(entry).toMatchObject({ actorId: second.id, detail: { oldRoles: ['STAFF'], newRoles: ['STAFF', 'SUPERVISION'], requestedBy: 'demo-admin' } });
    expect((await call(second.cookie, 'POST', `${grant}/approve`)).body.error.code).toBe('GRANT_DECIDED');
    expect((await call(second.cookie, 'GET', '/api/v1/admin/role-grants')).body.grants).toEqual([]);
  });

  it('leaves the roles as they were when the other administrator refuses, and guards roles given to a new account too', async () => {
    const second = await secondAdmin();
    const created = await call(admin, 'POST', '/api/v1/admin/staff', {
      employeeNo: 'N4001', name: '新组长', unitId: 'demo-unit', windowId: 'demo-w2', roles: ['STAFF', 'LEAD'], password: 'first-password-n',
    });
    expect(created.status).toBe(201);
    expect(created.body.roles).toEqual(['STAFF']);
    expect(created.body.pendingGrant.roles).toEqual(['LEAD']);
    const refused = await call(second.cookie, 'POST', `/api/v1/admin/role-grants/${created.body.pendingGrant.id}/refuse`);
    expect(refused.status).toBe(200);
    expect(await rolesOf(created.body.id)).toEqual(['STAFF']);
    expect((await auditOf('account.roles-grant-refused', created.body.id)).length).toBe(1);
    // Taking a guarded role away needs no second opinion.
    expect((await call(admin, 'PATCH', '/api/v1/admin/staff/demo-s2', { roles: ['STAFF'] })).body).toMatchObject({ roles: ['STAFF'], pendingGrant: null });
  });
});
