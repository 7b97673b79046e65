import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES } from '../../src/domain/admin-api';
import { KIOSK_CONFIG_PATH } from '../../src/domain/sync-constants';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { startInProcessServer, type InProcessServer } from '../support/server';

// A 1×1 PNG: the smallest real image.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const label = (zh: string) => ({ 'zh-CN': zh, en: `${zh} (en)`, bo: `${zh} (bo)` });

let srv: InProcessServer;
let admin: string;
beforeEach(async () => {
  srv = await startInProcessServer();
  admin = await signIn(srv.baseUrl, DEMO_ACCOUNTS.ADMIN);
});
afterEach(async () => {
  await srv.close();
});

const call = (method: string, path: string, body?: unknown) => api(srv.baseUrl, method, path, { cookie: admin, body });
const catalog = async () => (await call('GET', '/api/v1/admin/catalog')).body;

describe('the administrator keeps the catalogue', () => {
  it('adds a unit, a window, a service item and a reason, each with a label per language, and audits each', async () => {
    const unit = await call('POST', '/api/v1/admin/units', { name: label('测试单位') });
    expect(unit.status).toBe(201);
    const win = await call('POST', '/api/v1/admin/windows', { unitId: unit.body.id, number: '9', name: label('9号窗口') });
    expect(win.status).toBe(201);
    const item = await call('POST', '/api/v1/admin/service-items', { unitId: unit.body.id, code: 'T-1', name: label('测试事项') });
    expect(item.status).toBe(201);
    const reason = await call('POST', '/api/v1/admin/reasons', { key: 'NO_PARKING', label: label('停车难') });
    expect(reason.status).toBe(201);
    const c = await catalog();
    expect(c.windows.map((w: { id: string }) => w.id)).toContain(win.body.id);
    expect(c.reasons.at(-1)).toMatchObject({ key: 'NO_PARKING', label: label('停车难'), active: true });
    const config = (await api(srv.baseUrl, 'GET', `${KIOSK_CONFIG_PATH}?window=${win.body.id}`)).body;
    expect(config.window.name).toEqual(label('9号窗口'));
    expect(config.reasons.map((r: { key: string }) => r.key)).toContain('NO_PARKING');
    const audit = (await call('GET', '/api/v1/audit')).body.entries.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['catalog.unit.create', 'catalog.window.create', 'catalog.service-item.create', 'catalog.reason.create']));
  });

  it('sets, changes and clears a unit\'s 行政区划代码 (6 or 12 digits), refusing any other shape', async () => {
    const unit = await call('POST', '/api/v1/admin/units', { name: label('测试单位'), divisionCode: '110105' });
    expect([unit.status, unit.body.divisionCode]).toEqual([201, '110105']);
    const patched = await call('PATCH', `/api/v1/admin/units/${unit.body.id}`, { divisionCode: '110105001001' });
    expect([patched.status, patched.body.divisionCode]).toEqual([200, '110105001001']);
    for (const bad of ['11010', '1101050', '11010500100１', 'abcdef', 110105, '']) {
      const res = await call('PATCH', `/api/v1/admin/units/${unit.body.id}`, { divisionCode: bad });
      expect([res.status, res.body.error?.code], JSON.stringify(bad)).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await catalog()).units.find((u: { id: string }) => u.id === unit.body.id).divisionCode).toBe('110105001001');
    const cleared = await call('PATCH', `/api/v1/admin/units/${unit.body.id}`, { divisionCode: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).not.toHaveProperty('divisionCode');
  });

  it('retires a reason instead of deleting it, and relabels it', async () => {
    expect((await call('PATCH', '/api/v1/admin/reasons/ABSENT', { active: false, label: label('窗口无人') })).status).toBe(200);
    const reason = (await catalog()).reasons.find((r: { key: string }) => r.key === 'ABSENT');
    expect(reason).toMatchObject({ active: false, label: label('窗口无人') });
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const before = JSON.stringify(await catalog());
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/api/v1/admin/units', { name: { 'zh-CN': '缺藏文', en: 'no Tibetan' } }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/v1/admin/windows', { unitId: 'no-such-unit', number: '3', name: label('x') }, 400, 'UNKNOWN_UNIT'],
      ['POST', '/api/v1/admin/windows', { unitId: 'demo-unit', number: 3, name: label('x') }, 400, 'VALIDATION_FAILED'],
      ['PATCH', '/api/v1/admin/windows/no-such-window', { number: '4' }, 404, 'NOT_FOUND'],
      ['POST', '/api/v1/admin/reasons', { key: 'ATTITUDE', label: label('重复') }, 409, 'KEY_TAKEN'],
      ['POST', '/api/v1/admin/reasons', { key: 'lower-case', label: label('x') }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/v1/admin/service-items', { unitId: 'demo-unit', code: 'DEMO-001', name: label('重复') }, 409, 'CODE_TAKEN'],
      ['POST', '/api/v1/admin/staff', { employeeNo: 'D1001', name: 'x', unitId: 'demo-unit', windowId: null, roles: ['STAFF'], password: 'long-enough' }, 409, 'EMPLOYEE_NO_TAKEN'],
      ['POST', '/api/v1/admin/staff', { employeeNo: 'N1', name: 'x', unitId: 'demo-unit', windowId: null, roles: ['KING'], password: 'long-enough' }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/v1/admin/staff', { employeeNo: 'N2', name: 'x', unitId: 'demo-unit', windowId: null, roles: ['STAFF'], password: 'short' }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/v1/admin/staff', { employeeNo: 'N3', name: 'x', unitId: 'demo-unit', windowId: 'nowhere', roles: ['STAFF'], password: 'long-enough' }, 400, 'UNKNOWN_WINDOW'],
      ['PATCH', '/api/v1/admin/staff/staff-forged', { name: 'x' }, 404, 'NOT_FOUND'],
      ['PATCH', '/api/v1/admin/staff/demo-admin', { roles: ['STAFF'] }, 400, 'CANNOT_LOCK_SELF_OUT'],
      ['PATCH', '/api/v1/admin/staff/demo-admin', { active: false }, 400, 'CANNOT_LOCK_SELF_OUT'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const res = await call(method, path, body);
      expect([res.status, res.body.error?.code], `${method} ${path} ${JSON.stringify(body)}`).toEqual([status, code]);
    }
    expect(JSON.stringify(await catalog())).toBe(before);
  });
});

describe('staff accounts and photos', () => {
  it('adds a staff member with a photo who then appears, with the photo, on their window kiosk roster', async () => {
    const created = await call('POST', '/api/v1/admin/staff', {
      employeeNo: 'D1003', name: '卓玛', unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF'], password: 'first-password',
    });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('passwordHash');
    const id = created.body.id;
    const upload = await api(srv.baseUrl, 'PUT', `/api/v1/admin/staff/${id}/photo`, { cookie: admin, raw: PNG, headers: { 'content-type': 'image/png' } });
    expect(upload.status).toBe(200);
    const roster = (await api(srv.baseUrl, 'GET', KIOSK_CONFIG_PATH)).body.roster;
    const card = roster.find((s: { id: string }) => s.id === id);
    expect(card).toMatchObject({ name: '卓玛', employeeNo: 'D1003', photoUrl: upload.body.photoUrl });
    const photo = await fetch(srv.baseUrl + card.photoUrl);
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await photo.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('refuses a photo that is not an image, of the wrong type, or too large', async () => {
    const put = (raw: Buffer, type: string) => api(srv.baseUrl, 'PUT', '/api/v1/admin/staff/demo-s1/photo', { cookie: admin, raw, headers: { 'content-type': type } });
    expect((await put(Buffer.from('<svg/>'), 'image/png')).body.error.code).toBe('NOT_AN_IMAGE');
    expect((await put(PNG, 'image/gif')).status).toBe(415);
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_PHOTO_BYTES)]);
    expect((await put(big, 'image/png')).status).toBe(413);
    expect((await srv.store.loadCatalog()).staff.find((s) => s.id === 'demo-s1')?.photoUpdatedAt).toBeNull();
  });

  it('ends every session of someone whose password is reset or who is disabled', async () => {
    const staff = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF);
    await call('PATCH', '/api/v1/admin/staff/demo-s1', { password: 'reset-by-admin' });
    expect((await api(srv.baseUrl, 'GET', '/api/v1/auth/me', { cookie: staff })).status).toBe(401);
    const again = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF, 'reset-by-admin');
    expect((await api(srv.baseUrl, 'GET', '/api/v1/auth/me', { cookie: again })).body.mustChangePassword).toBe(true);
    await call('PATCH', '/api/v1/admin/staff/demo-s1', { active: false });
    expect((await api(srv.baseUrl, 'GET', '/api/v1/auth/me', { cookie: again })).status).toBe(401);
    const roster = (await api(srv.baseUrl, 'GET', KIOSK_CONFIG_PATH)).body.roster.map((s: { id: string }) => s.id);
    expect(roster).not.toContain('demo-s1');
  });
});
