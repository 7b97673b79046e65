import { describe, expect, it } from 'vitest';
import { DEFAULT_REASONS } from '../../../src/domain/reasons';
import type { DeviceReport } from '../../../sync-server/store/store';
import { newAccount } from './catalog';
import { useStore, type MakeStore } from './fixture';

const T = 1_800_000_000_000;
const report = (queueDepth = 0): DeviceReport => ({ appVersion: '1.0.0', queueDepth, conflicts: 0, deadLetters: 0, storagePersisted: true, userAgent: 'UA' });

/** Accounts and sessions, devices and enrolment, audit, settings, role grants, abandoned taps. */
export function peopleContract(makeStore: MakeStore) {
  const ctx = useStore(makeStore);

  describe('accounts and sessions', () => {
    it('inserts, finds by id and employee number, and patches an account', async () => {
      await ctx.store.insertAccount(newAccount('n1', 'N001'));
      expect(await ctx.store.getAccount('n1')).toEqual(newAccount('n1', 'N001'));
      expect((await ctx.store.findAccountByEmployeeNo('N001'))?.id).toBe('n1');
      expect(await ctx.store.findAccountByEmployeeNo('N999')).toBeNull();
      expect(await ctx.store.updateAccount('n1', { failedSignIns: 2, lockedUntil: T, mustChangePassword: false, pinHash: 'pin$1' })).toBe(true);
      expect(await ctx.store.getAccount('n1')).toMatchObject({ failedSignIns: 2, lockedUntil: T, mustChangePassword: false, pinHash: 'pin$1', name: '新人' });
      expect(await ctx.store.updateAccount('nobody', { name: 'x' })).toBe(false);
      await expect(ctx.store.insertAccount(newAccount('n2', 'N001'))).rejects.toThrow();
    });

    it('keeps sessions, touches them, and ends one or all of a person but the one named', async () => {
      await ctx.store.insertSession('a', 'demo-s1', T, T + 100, 'UA');
      await ctx.store.insertSession('b', 'demo-s1', T, T + 100, null);
      await ctx.store.insertSession('c', 'demo-s1', T, T + 100, null);
      await ctx.store.insertSession('d', 'demo-s2', T, T + 100, null);
      expect(await ctx.store.findSession('a')).toEqual({ staffId: 'demo-s1', expiresAt: T + 100, lastSeenAt: T });
      await ctx.store.touchSession('a', T + 50, T + 150);
      expect(await ctx.store.findSession('a')).toEqual({ staffId: 'demo-s1', expiresAt: T + 150, lastSeenAt: T + 50 });
      await ctx.store.deleteSession('c');
      expect(await ctx.store.findSession('c')).toBeNull();
      await ctx.store.deleteSessionsOf('demo-s1', 'a');
      expect([await ctx.store.findSession('a'), await ctx.store.findSession('b'), await ctx.store.findSession('d')].map((s) => s?.staffId ?? null)).toEqual(['demo-s1', null, 'demo-s2']);
      await ctx.store.deleteSessionsOf('demo-s1');
      expect(await ctx.store.findSession('a')).toBeNull();
    });
  });

  describe('devices', () => {
    const code = (codeHash: string, windowId = 'demo-w1', expiresAt = T + 1000) =>
      ctx.store.insertEnrolmentCode({ codeHash, windowId, createdBy: 'demo-admin', createdAt: T, expiresAt });

    it('enrols with a code once, refuses unknown, used and expired codes, and keeps an enrolled id for its credential', async () => {
      await code('c1');
      const ok = await ctx.store.enrolDevice({ codeHash: 'c1', deviceId: 'dev-1', credentialHash: 'cred-1', at: T, report: report(3) });
      expect(ok).toEqual({ ok: true, device: expect.objectContaining({ id: 'dev-1', windowId: 'demo-w1', enrolledBy: 'demo-admin', queueDepth: 3, revokedAt: null }) });
      expect(await ctx.store.enrolDevice({ codeHash: 'c1', deviceId: 'dev-2', credentialHash: 'x', at: T, report: report() })).toEqual({ ok: false, reason: 'used' });
      expect(await ctx.store.enrolDevice({ codeHash: 'nope', deviceId: 'dev-2', credentialHash: 'x', at: T, report: report() })).toEqual({ ok: false, reason: 'unknown' });
      await code('c2', 'demo-w2', T);
      expect(await ctx.store.enrolDevice({ codeHash: 'c2', deviceId: 'dev-2', credentialHash: 'x', at: T, report: report() })).toEqual({ ok: false, reason: 'expired' });
      await code('c3', 'demo-w2');
      expect(await ctx.store.enrolDevice({ codeHash: 'c3', deviceId: 'dev-1', credentialHash: 'cred-2', at: T, report: report() })).toEqual({ ok: false, reason: 'in-use' });
      // The tablet itself moves to window 2 with its credential: the old one stops working, both windows remain its own.
      const moved = await ctx.store.enrolDevice({ codeHash: 'c3', deviceId: 'dev-1', credentialHash: 'cred-2', at: T + 1, report: report(), presentedCredentialHash: 'cred-1' });
      expect(moved.ok && moved.device.windowId).toBe('demo-w2');
      expect(await ctx.store.findDeviceByCredential('cred-1')).toBeNull();
      expect((await ctx.store.findDeviceByCredential('cred-2'))?.id).toBe('dev-1');
      expect((await ctx.store.deviceWindowIds('dev-1')).sort()).toEqual(['demo-w1', 'demo-w2']);
      expect(await ctx.store.deviceWindowIds('dev-none')).toEqual([]);
    });

    it('records reports, lists devices, and revokes once', async () => {
      await code('c1');
      await ctx.store.enrolDevice({ codeHash: 'c1', deviceId: 'dev-1', credentialHash: 'cred-1', at: T, report: report() });
      await ctx.store.recordDeviceReport('dev-1', { ...report(9), userAgent: null }, T + 5);
      expect(await ctx.store.listDevices()).toEqual([expect.objectContaining({ id: 'dev-1', queueDepth: 9, lastSeenAt: T + 5, userAgent: 'UA', storagePersisted: true })]);
      expect(await ctx.store.revokeDevice('dev-1', 'demo-admin', T + 6)).toBe(true);
      expect(await ctx.store.revokeDevice('dev-1', 'demo-admin', T + 7)).toBe(false);
      expect((await ctx.store.findDeviceByCredential('cred-1'))).toMatchObject({ revokedAt: T + 6, revokedBy: 'demo-admin' });
    });

    it('gives the PIN hashes of the staff asked for', async () => {
      await ctx.store.updateAccount('demo-s1', { pinHash: 'pin$1' });
      const pins = await ctx.store.pinHashes(['demo-s1', 'demo-s3', 'nobody']);
      expect(pins.get('demo-s1')).toBe('pin$1');
      expect(pins.has('nobody')).toBe(false);
    });
  });

  it('appends audit entries and pages them newest first, with the actor name', async () => {
    for (let i = 0; i < 3; i++) {
      await ctx.store.appendAudit({ at: T + i, actorId: i === 2 ? null : 'demo-admin', action: `a${i}`, targetType: 'staff', targetId: 'demo-s1', detail: i === 0 ? { k: 1 } : null, ip: '127.0.0.1' });
    }
    const page = await ctx.store.listAudit({ limit: 2 });
    expect(page.map((e) => [e.action, e.actorName])).toEqual([['a2', null], ['a1', '系统管理员（演示）']]);
    const rest = await ctx.store.listAudit({ before: page[1].seq, limit: 10 });
    expect(rest).toEqual([expect.objectContaining({ action: 'a0', detail: { k: 1 }, ip: '127.0.0.1', targetType: 'staff', targetId: 'demo-s1', at: T })]);
  });

  it('settles the server mode once and hands the decision its state', async () => {
    expect(await ctx.store.serverMode()).toBeNull();
    const seen: unknown[] = [];
    await ctx.store.settleServerMode((state) => (seen.push(state), { mode: 'production' as const, seedReasons: DEFAULT_REASONS }));
    expect(seen).toEqual([expect.objectContaining({ stored: null, fresh: false, reasonCount: DEFAULT_REASONS.length })]);
    expect(await ctx.store.serverMode()).toBe('production');
    await ctx.store.settleServerMode((state) => (seen.push(state), { mode: state.stored ?? 'demo' }));
    expect(seen[1]).toMatchObject({ stored: 'production' });
  });

  it('keeps role grants pending (one per person) until one decision, adding the roles on approval', async () => {
    const grant = { staffId: 'demo-s1', roles: ['OFFICE' as const], oldRoles: ['STAFF' as const], requestedBy: 'demo-admin', requestedAt: T };
    await ctx.store.insertRoleGrant({ id: 'g1', ...grant });
    // One pending grant per person at a time.
    await expect(ctx.store.insertRoleGrant({ id: 'g0', ...grant })).rejects.toThrow();
    await ctx.store.insertRoleGrant({ id: 'g2', ...grant, staffId: 'demo-s3', requestedAt: T + 1 });
    expect((await ctx.store.listPendingRoleGrants()).map((g) => g.id)).toEqual(['g1', 'g2']);
    const approved = await ctx.store.approveRoleGrant('g1', 'demo-office', T + 5);
    expect(approved).toMatchObject({ oldRoles: ['STAFF'], newRoles: ['STAFF', 'OFFICE'], grant: { state: 'approved', decidedBy: 'demo-office', decidedAt: T + 5 } });
    expect((await ctx.store.getAccount('demo-s1'))?.roles).toEqual(['STAFF', 'OFFICE']);
    expect(await ctx.store.approveRoleGrant('g1', 'demo-office', T + 6)).toBeNull();
    expect(await ctx.store.refuseRoleGrant('g2', 'demo-office', T + 7)).toMatchObject({ state: 'refused' });
    expect(await ctx.store.refuseRoleGrant('g2', 'demo-office', T + 8)).toBeNull();
    expect(await ctx.store.listPendingRoleGrants()).toEqual([]);
    expect(await ctx.store.getRoleGrant('none')).toBeNull();
  });

  it('counts abandoned taps once per id, per window and month', async () => {
    const taps = [{ id: 't1', windowId: 'demo-w1', month: '2026-11' }, { id: 't2', windowId: 'demo-w1', month: '2026-11' }, { id: 't3', windowId: 'demo-w2', month: '2026-10' }];
    expect(await ctx.store.recordAbandonedTaps(taps)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(await ctx.store.recordAbandonedTaps([taps[0], { ...taps[1], month: '2026-12' }])).toEqual(['duplicate', 'conflict']);
    expect(await ctx.store.abandonedTapCounts({ kind: 'all' })).toEqual([
      { windowId: 'demo-w1', month: '2026-11', count: 2 },
      { windowId: 'demo-w2', month: '2026-10', count: 1 },
    ]);
    expect(await ctx.store.abandonedTapCounts({ kind: 'window', windowId: 'demo-w2' })).toEqual([{ windowId: 'demo-w2', month: '2026-10', count: 1 }]);
  });
}
