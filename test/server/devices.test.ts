import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPin } from '../../src/domain/pin';
import { DEMO_PIN } from '../../sync-server/store/demo-hall';
import { tokenHash } from '../../sync-server/crypto/tokens';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { badRating, demoRating } from '../support/ratings';
import { startInProcessServer, type InProcessServer } from '../support/server';

const DEVICE = 'dev-kiosk-w1-0001';
const report = { appVersion: '0.3.0', queueDepth: 2, conflicts: 0, deadLetters: 1, storagePersisted: true };

let srv: InProcessServer;
let admin: string;
beforeEach(async () => {
  srv = await startInProcessServer({ demo: false }); // production mode, demo catalogue and accounts seeded
  admin = await signIn(srv.baseUrl, DEMO_ACCOUNTS.ADMIN);
});
afterEach(async () => {
  await srv.close();
});

async function newCode(windowId = 'demo-w1') {
  const res = await api(srv.baseUrl, 'POST', '/api/v1/admin/enrolment-codes', { cookie: admin, body: { windowId } });
  expect(res.status).toBe(201);
  return res.body.code as string;
}
const enrol = (code: string, deviceId = DEVICE) => api(srv.baseUrl, 'POST', '/api/v1/devices/enrol', { body: { code, deviceId, report } });
const asDevice = (credential: string) => ({ authorization: `Bearer ${credential}` });
const push = (credential: string | null, ratings: unknown[], deviceId = DEVICE) =>
  api(srv.baseUrl, 'POST', '/api/v1/sync/ratings', { body: { deviceId, sentAt: Date.now(), items: ratings }, headers: credential ? asDevice(credential) : {} });

describe('enrolment codes', () => {
  it('enrol a tablet once, for one window, and give it a credential and its configuration', async () => {
    const code = await newCode();
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    const res = await enrol(`${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`); // as typed on a tablet
    expect(res.status).toBe(200);
    expect(res.body.device).toEqual({ id: DEVICE, windowId: 'demo-w1' });
    expect(res.body.credential.length).toBeGreaterThanOrEqual(40);
    expect(res.body.config.window.id).toBe('demo-w1');
    expect(res.body.config.staffOnDuty).toBeNull(); // a real hall starts with nobody on duty
    const again = await enrol(code, 'dev-other-tablet');
    expect([again.status, again.body.error.code]).toEqual([409, 'ENROLMENT_CODE_USED']);
  });

  it('refuses unknown, malformed and expired codes, and consumes nothing', async () => {
    expect((await enrol('AAAA-BBBB')).body.error.code).toBe('ENROLMENT_CODE_INVALID');
    expect((await enrol('not a code!')).body.error.code).toBe('ENROLMENT_CODE_INVALID');
    await srv.store.insertEnrolmentCode({ codeHash: tokenHash('EXPR2345'), windowId: 'demo-w1', createdBy: 'demo-admin', createdAt: 1, expiresAt: Date.now() - 1 });
    const expired = await enrol('EXPR-2345');
    expect([expired.status, expired.body.error.code]).toEqual([410, 'ENROLMENT_CODE_EXPIRED']);
    expect(await srv.store.listDevices()).toEqual([]);
    const code = await newCode();
    expect((await api(srv.baseUrl, 'POST', '/api/v1/devices/enrol', { body: { code, deviceId: '../etc', report } })).status).toBe(400);
    expect((await enrol(code)).status).toBe(200); // the malformed request did not use the code up
  });

  it('refuses a code for a window that does not exist', async () => {
    const res = await api(srv.baseUrl, 'POST', '/api/v1/admin/enrolment-codes', { cookie: admin, body: { windowId: 'nowhere' } });
    expect([res.status, res.body.error.code]).toEqual([400, 'UNKNOWN_WINDOW']);
  });

  it('refuses a code for a retired window', async () => {
    expect((await api(srv.baseUrl, 'PATCH', '/api/v1/admin/windows/demo-w2', { cookie: admin, body: { active: false } })).status).toBe(200);
    const res = await api(srv.baseUrl, 'POST', '/api/v1/admin/enrolment-codes', { cookie: admin, body: { windowId: 'demo-w2' } });
    expect([res.status, res.body.error.code]).toEqual([409, 'WINDOW_INACTIVE']);
  });
});

describe('device credentials', () => {
  it('are needed to push and fetch configuration in production, and bind the device to its window', async () => {
    const { credential } = (await enrol(await newCode())).body;
    expect((await push(null, [demoRating({ deviceId: DEVICE })])).body.error.code).toBe('DEVICE_CREDENTIAL_REQUIRED');
    expect((await push('x'.repeat(43), [demoRating({ deviceId: DEVICE })])).body.error.code).toBe('DEVICE_UNKNOWN');
    const ok = demoRating({ deviceId: DEVICE });
    const otherWindow = badRating({ deviceId: DEVICE, windowId: 'demo-w2', staffId: 'demo-s3' });
    const res = await push(credential, [ok, otherWindow]);
    expect(res.body.results.map((r: { status: string; error?: { code: string } }) => [r.status, r.error?.code])).toEqual([
      ['accepted', undefined],
      ['invalid', 'WRONG_WINDOW'],
    ]);
    expect((await push(credential, [demoRating({ deviceId: 'dev-someone-else' })], 'dev-someone-else')).body.error.code).toBe('DEVICE_MISMATCH');
    const config = await api(srv.baseUrl, 'GET', '/api/v1/kiosk/config', { headers: asDevice(credential) });
    expect(config.body.window.id).toBe('demo-w1');
    const foreign = await api(srv.baseUrl, 'GET', '/api/v1/kiosk/config?window=demo-w2', { headers: asDevice(credential) });
    expect([foreign.status, foreign.body.error.code]).toEqual([403, 'WRONG_WINDOW']);
    expect(await srv.store.countRatings()).toBe(1);
  });

  it('still take the ratings a tablet holds from its old window after it moves to another one', async () => {
    const atW1 = (await enrol(await newCode('demo-w1'))).body.credential;
    const takenAtW1 = demoRating({ deviceId: DEVICE }); // queued offline, not yet sent when the tablet moves
    await api(srv.baseUrl, 'POST', `/api/v1/admin/devices/${DEVICE}/revoke`, { cookie: admin });
    const atW2 = (await enrol(await newCode('demo-w2'))).body.credential;
    expect(atW1).not.toBe(atW2);
    const res = await push(atW2, [takenAtW1, demoRating({ deviceId: DEVICE, windowId: 'demo-w2', staffId: 'demo-s3' })]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
    const never = await push(atW2, [demoRating({ deviceId: DEVICE, windowId: 'demo-w3' })]);
    expect(never.body.results[0].status).toBe('invalid');
  });

  it('carry the roster PIN hashes so staff go on duty offline', async () => {
    const { config } = (await enrol(await newCode())).body;
    const liMing = config.roster.find((s: { employeeNo: string }) => s.employeeNo === 'D1001');
    expect(await verifyPin(DEMO_PIN, liMing.pinHash)).toBe(true);
    expect(await verifyPin('000000', liMing.pinHash)).toBe(false);
  });
});

describe('a device id already enrolled', () => {
  it('cannot be taken over with another code: refused, code not used up, the real tablet keeps its credential and window', async () => {
    const real = (await enrol(await newCode('demo-w1'))).body.credential;
    const code = await newCode('demo-w2');
    const takeover = await enrol(code); // someone who read the tablet's id off its status screen
    expect([takeover.status, takeover.body.error.code]).toEqual([409, 'DEVICE_ID_IN_USE']);
    expect(takeover.body.credential).toBeUndefined();
    // The real tablet still works, for its own window only.
    expect((await push(real, [demoRating({ deviceId: DEVICE })])).body.results[0].status).toBe('accepted');
    const w2 = await push(real, [demoRating({ deviceId: DEVICE, windowId: 'demo-w2', staffId: 'demo-s3' })]);
    expect(w2.body.results[0].error.code).toBe('WRONG_WINDOW');
    const devices = (await api(srv.baseUrl, 'GET', '/api/v1/admin/devices', { cookie: admin })).body.devices;
    expect(devices).toEqual([expect.objectContaining({ id: DEVICE, windowId: 'demo-w1', revokedAt: null })]);
    // The refused request did not consume the code: a new tablet enrols with it.
    expect((await enrol(code, 'dev-new-tablet')).status).toBe(200);
    const audit = (await api(srv.baseUrl, 'GET', '/api/v1/audit', { cookie: admin })).body.entries.map((e: { action: string }) => e.action);
    expect(audit).toContain('device.enrol-refused');
  });

  it('may be moved to another window by the tablet itself, proven by its credential, and keeps sending what it holds', async () => {
    const atW1 = (await enrol(await newCode('demo-w1'))).body.credential;
    const takenAtW1 = demoRating({ deviceId: DEVICE });
    const code = await newCode('demo-w2');
    const wrong = await api(srv.baseUrl, 'POST', '/api/v1/devices/enrol', { body: { code, deviceId: DEVICE, report }, headers: asDevice('y'.repeat(43)) });
    expect([wrong.status, wrong.body.error.code]).toEqual([409, 'DEVICE_ID_IN_USE']);
    const moved = await api(srv.baseUrl, 'POST', '/api/v1/devices/enrol', { body: { code, deviceId: DEVICE, report }, headers: asDevice(atW1) });
    expect(moved.status).toBe(200);
    expect(moved.body.device).toEqual({ id: DEVICE, windowId: 'demo-w2' });
    const atW2 = moved.body.credential;
    expect((await push(atW1, [takenAtW1])).body.error.code).toBe('DEVICE_UNKNOWN');
    const res = await push(atW2, [takenAtW1, demoRating({ deviceId: DEVICE, windowId: 'demo-w2', staffId: 'demo-s3' })]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
  });
});

describe('check-in', () => {
  it('records the device status and sends the configuration only when the catalogue changed', async () => {
    const { credential, config } = (await enrol(await newCode())).body;
    const checkin = (configVersion?: number) =>
      api(srv.baseUrl, 'POST', '/api/v1/devices/checkin', { headers: asDevice(credential), body: { report: { ...report, queueDepth: 7 }, configVersion } });
    const same = await checkin(config.version);
    expect(same.body).toMatchObject({ configVersion: config.version, config: null });
    await api(srv.baseUrl, 'POST', '/api/v1/admin/staff', {
      cookie: admin,
      body: { employeeNo: 'D1005', name: '新人', unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF'], password: 'first-password' },
    });
    const changed = await checkin(config.version);
    expect(changed.body.configVersion).toBeGreaterThan(config.version);
    expect(changed.body.config.roster.map((s: { employeeNo: string }) => s.employeeNo)).toContain('D1005');
    const devices = (await api(srv.baseUrl, 'GET', '/api/v1/admin/devices', { cookie: admin })).body.devices;
    expect(devices).toEqual([expect.objectContaining({ id: DEVICE, windowId: 'demo-w1', queueDepth: 7, deadLetters: 1, storagePersisted: true, appVersion: '0.3.0', revokedAt: null })]);
    expect(devices[0].lastSeenAt).toBeGreaterThan(Date.now() - 10_000);
  });

  it('does not bump the catalogue version for a failed sign-in', async () => {
    const before = await srv.store.catalogVersion();
    await api(srv.baseUrl, 'POST', '/api/v1/auth/sign-in', { body: { employeeNo: 'D1001', password: 'wrong-password' } });
    expect(await srv.store.catalogVersion()).toBe(before);
  });
});

describe('revocation', () => {
  it('refuses a revoked device with a clear code, and a new code enrols it again with a new credential', async () => {
    const first = (await enrol(await newCode())).body.credential;
    const revoke = await api(srv.baseUrl, 'POST', `/api/v1/admin/devices/${DEVICE}/revoke`, { cookie: admin });
    expect(revoke.status).toBe(200);
    const refused = await push(first, [demoRating({ deviceId: DEVICE })]);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'DEVICE_REVOKED']);
    const checkin = await api(srv.baseUrl, 'POST', '/api/v1/devices/checkin', { headers: asDevice(first), body: { report } });
    expect(checkin.body.error.code).toBe('DEVICE_REVOKED');
    expect(await srv.store.countRatings()).toBe(0);
    expect((await api(srv.baseUrl, 'POST', `/api/v1/admin/devices/${DEVICE}/revoke`, { cookie: admin })).status).toBe(409);
    expect((await api(srv.baseUrl, 'POST', '/api/v1/admin/devices/dev-unknown/revoke', { cookie: admin })).status).toBe(404);

    const second = (await enrol(await newCode())).body.credential;
    expect((await push(second, [demoRating({ deviceId: DEVICE })])).status).toBe(200);
    expect((await push(first, [demoRating({ deviceId: DEVICE })])).body.error.code).toBe('DEVICE_UNKNOWN');
    const audit = (await api(srv.baseUrl, 'GET', '/api/v1/audit', { cookie: admin })).body.entries.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['device.code-create', 'device.enrol', 'device.revoke']));
  });
});

describe('kiosk PINs', () => {
  it('are set by the person with their password, never weak, and reach their kiosk as a hash', async () => {
    const staff = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF_W2);
    const set = (body: unknown) => api(srv.baseUrl, 'POST', '/api/v1/auth/pin', { cookie: staff, body });
    expect((await set({ currentPassword: 'wrong-password', pin: '480135' })).body.error.code).toBe('WRONG_PASSWORD');
    expect((await set({ currentPassword: 'demo1234', pin: '123456' })).body.error.code).toBe('PIN_TOO_WEAK');
    expect((await set({ currentPassword: 'demo1234', pin: '12345' })).status).toBe(400);
    const ok = await set({ currentPassword: 'demo1234', pin: '480135' });
    expect(ok.body.hasPin).toBe(true);
    const { config } = (await enrol(await newCode('demo-w2'), 'dev-kiosk-w2')).body;
    expect(await verifyPin('480135', config.roster[0].pinHash)).toBe(true);
  });
});
