import { describe, expect, it } from 'vitest';
import type { Store, StaffAccount } from '../../../sync-server/store/store';
import { badRating } from '../../support/ratings';
import { batch, item, useStore, type MakeStore } from './fixture';

const T = 1_800_000_000_000;
const name = (zh: string) => ({ 'zh-CN': zh, en: zh, bo: zh });

export const newAccount = (id: string, employeeNo: string): StaffAccount => ({
  id, name: '新人', employeeNo, unitId: 'demo-unit', windowId: 'demo-w2', roles: ['STAFF'], active: true, photoUpdatedAt: null,
  passwordHash: 'pbkdf2$x', pinHash: null, mustChangePassword: true, failedSignIns: 0, lockedUntil: null,
});

/**
 * The catalogue and its version: every change a kiosk shows moves the version, the others leave it
 * (store/rules/catalog-version.ts says which account changes count).
 */
export function catalogContract(makeStore: MakeStore) {
  const ctx = useStore(makeStore);
  const moves = async (write: (s: Store) => Promise<unknown>) => {
    const before = await ctx.store.catalogVersion();
    await write(ctx.store);
    return (await ctx.store.catalogVersion()) > before;
  };

  it('reads back the seeded catalogue, in its order', async () => {
    const c = await ctx.store.loadCatalog();
    expect(c.units.map((u) => u.id)).toEqual(['demo-unit']);
    expect(c.windows.map((w) => w.id)).toEqual(['demo-w1', 'demo-w2']);
    expect(c.staff.map((s) => s.employeeNo)).toEqual(['D1001', 'D1002', 'D1004', 'D2001', 'D9000', 'D9001', 'D9002', 'D9003']);
    expect(c.serviceItems.map((i) => i.code)).toEqual(['DEMO-001', 'DEMO-002', 'DEMO-003']);
    expect(c.reasons.length).toBeGreaterThan(0);
    expect(c.staff.find((s) => s.id === 'demo-s2')).toEqual({
      id: 'demo-s2', name: '王芳（演示）', employeeNo: 'D1002', unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF', 'LEAD'], active: true, photoUpdatedAt: null,
    });
    expect(await ctx.store.isCatalogEmpty()).toBe(false);
  });

  it('keeps a unit\'s 行政区划代码: absent until set, set on insert or by a patch, cleared by null (issue 15)', async () => {
    await ctx.store.insertUnit({ id: 'u3', name: name('三单位'), active: true, divisionCode: '510104' });
    await ctx.store.insertUnit({ id: 'u4', name: name('四单位'), active: true });
    const unit = async (id: string) => (await ctx.store.loadCatalog()).units.find((u) => u.id === id);
    expect(await unit('u3')).toEqual({ id: 'u3', name: name('三单位'), active: true, divisionCode: '510104' });
    expect(await unit('u4')).toEqual({ id: 'u4', name: name('四单位'), active: true });
    expect(await ctx.store.updateUnit('u4', { divisionCode: '510104001001' })).toBe(true);
    expect(await ctx.store.updateUnit('u3', { divisionCode: null })).toBe(true);
    expect((await unit('u4'))?.divisionCode).toBe('510104001001');
    expect(await unit('u3')).not.toHaveProperty('divisionCode');
  });

  it('writes and patches units, windows, service items and reasons; a patch of an unknown key is false', async () => {
    await ctx.store.insertUnit({ id: 'u2', name: name('二单位'), active: true });
    await ctx.store.insertWindow({ id: 'w9', unitId: 'u2', number: '9', name: name('九号'), sortOrder: 9, active: true });
    await ctx.store.insertServiceItem({ id: 'i9', code: 'X-9', unitId: 'u2', name: name('事项'), sortOrder: 90, active: true });
    await ctx.store.insertReason({ key: 'NOISE', label: name('吵'), sortOrder: 99, active: true });
    expect(await ctx.store.updateUnit('u2', { active: false })).toBe(true);
    expect(await ctx.store.updateWindow('w9', { number: '10', sortOrder: 0 })).toBe(true);
    expect(await ctx.store.updateServiceItem('i9', { name: name('新事项') })).toBe(true);
    expect(await ctx.store.updateReason('NOISE', { active: false })).toBe(true);
    expect(await ctx.store.updateWindow('w9', {})).toBe(true);
    expect(await ctx.store.updateUnit('nope', { active: false })).toBe(false);
    expect(await ctx.store.updateReason('NOPE', {})).toBe(false);
    const c = await ctx.store.loadCatalog();
    expect(c.units.find((u) => u.id === 'u2')?.active).toBe(false);
    expect(c.windows[0]).toMatchObject({ id: 'w9', number: '10', sortOrder: 0 });
    expect(c.serviceItems.find((i) => i.id === 'i9')?.name['zh-CN']).toBe('新事项');
    expect(c.reasons.find((r) => r.key === 'NOISE')?.active).toBe(false);
  });

  describe('catalogue version', () => {
    it('moves on every change a kiosk shows', async () => {
      expect(await moves((s) => s.insertUnit({ id: 'u2', name: name('二'), active: true }))).toBe(true);
      expect(await moves((s) => s.updateUnit('u2', { name: name('二单位') }))).toBe(true);
      expect(await moves((s) => s.insertWindow({ id: 'w9', unitId: 'u2', number: '9', name: name('九'), sortOrder: 9, active: true }))).toBe(true);
      expect(await moves((s) => s.updateWindow('w9', { active: false }))).toBe(true);
      expect(await moves((s) => s.insertServiceItem({ id: 'i9', code: 'X-9', unitId: 'u2', name: name('事项'), sortOrder: 1, active: true }))).toBe(true);
      expect(await moves((s) => s.updateServiceItem('i9', { active: false }))).toBe(true);
      expect(await moves((s) => s.insertReason({ key: 'NOISE', label: name('吵'), sortOrder: 99, active: true }))).toBe(true);
      expect(await moves((s) => s.updateReason('NOISE', { sortOrder: 1 }))).toBe(true);
      expect(await moves((s) => s.insertAccount(newAccount('n1', 'N001')))).toBe(true);
      expect(await moves((s) => s.updateAccount('n1', { name: '新名' }))).toBe(true);
      expect(await moves((s) => s.updateAccount('n1', { windowId: 'demo-w1' }))).toBe(true);
      expect(await moves((s) => s.updateAccount('n1', { roles: ['STAFF', 'LEAD'] }))).toBe(true);
      expect(await moves((s) => s.updateAccount('n1', { active: false }))).toBe(true);
      expect(await moves((s) => s.updateAccount('n1', { pinHash: 'pin$x' }))).toBe(true);
      expect(await moves((s) => s.setStaffPhoto('n1', 'image/jpeg', Buffer.from([1]), T))).toBe(true);
      await ctx.store.insertRoleGrant({ id: 'g1', staffId: 'n1', roles: ['OFFICE'], oldRoles: ['STAFF'], requestedBy: 'demo-admin', requestedAt: T });
      expect(await moves((s) => s.approveRoleGrant('g1', 'demo-office', T + 1))).toBe(true);
    });

    it('stays for changes no kiosk shows, and for writes that change nothing', async () => {
      expect(await moves((s) => s.updateAccount('demo-s1', { failedSignIns: 3, lockedUntil: T }))).toBe(false);
      expect(await moves((s) => s.updateAccount('demo-s1', { passwordHash: 'pbkdf2$y', mustChangePassword: false }))).toBe(false);
      expect(await moves((s) => s.updateAccount('demo-s1', {}))).toBe(false);
      expect(await moves((s) => s.updateAccount('nobody', { name: 'x' }))).toBe(false);
      expect(await moves((s) => s.updateUnit('nope', { active: false }))).toBe(false);
      expect(await moves((s) => s.setStaffPhoto('nobody', 'image/jpeg', Buffer.from([1]), T))).toBe(false);
      expect(await moves((s) => s.insertRatings(batch([item(badRating({}, T), { anonymous: false })])))).toBe(false);
      expect(await moves((s) => s.appendAudit({ at: T, actorId: 'demo-admin', action: 'x', targetType: null, targetId: null, detail: null, ip: null }))).toBe(false);
      expect(await moves((s) => s.insertSession('tok', 'demo-s1', T, T + 1000, null))).toBe(false);
      expect(await moves((s) => s.insertEnrolmentCode({ codeHash: 'c', windowId: 'demo-w1', createdBy: 'demo-admin', createdAt: T, expiresAt: T + 1 }))).toBe(false);
      await ctx.store.insertRoleGrant({ id: 'g2', staffId: 'demo-s1', roles: ['LEAD'], oldRoles: ['STAFF'], requestedBy: 'demo-admin', requestedAt: T });
      expect(await moves((s) => s.refuseRoleGrant('g2', 'demo-office', T + 1))).toBe(false);
    });

    it('only grows: two changes of one row move it twice', async () => {
      const before = await ctx.store.catalogVersion();
      await ctx.store.updateWindow('demo-w1', { active: false });
      await ctx.store.updateWindow('demo-w1', { active: true });
      expect(await ctx.store.catalogVersion()).toBeGreaterThanOrEqual(before + 2);
    });
  });

  it('keeps a staff photo with its time, on the roster too', async () => {
    expect(await ctx.store.setStaffPhoto('demo-s1', 'image/webp', Buffer.from([7, 8]), T)).toBe(true);
    const photo = await ctx.store.getStaffPhoto('demo-s1');
    expect(photo).toMatchObject({ mime: 'image/webp', updatedAt: T });
    expect([...photo!.bytes]).toEqual([7, 8]);
    expect((await ctx.store.getAccount('demo-s1'))?.photoUpdatedAt).toBe(T);
    expect(await ctx.store.getStaffPhoto('demo-s2')).toBeNull();
  });
}
