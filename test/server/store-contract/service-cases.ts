import { describe, expect, it } from 'vitest';
import type { ServiceCaseFields } from '../../../src/domain/service-case';
import type { StoredSystemToken } from '../../../sync-server/store/store';
import { useStore, type MakeStore } from './fixture';

const T = 1_800_000_000_000;
const H = 3_600_000;

/** A 办件 of window 1 handled by 李明 (demo-s1), accepted at T + `hour` hours. */
export const serviceCase = (caseNo: string, patch: Partial<ServiceCaseFields> = {}, hour = 0): ServiceCaseFields => ({
  caseNo,
  serviceItemId: 'demo-item-1',
  unitId: 'demo-unit',
  windowId: 'demo-w1',
  staffId: 'demo-s1',
  applicantType: 'PERSON',
  acceptedAt: T + hour * H,
  finishedAt: null,
  status: 'ACCEPTED',
  source: 'API',
  ...patch,
});

/** 办件 (service cases): upsert by unit and 办件编号, lists by person, window, unit and day; business-system tokens. */
export function serviceCasesContract(makeStore: MakeStore) {
  const ctx = useStore(makeStore);

  describe('upsert by (unit, 办件编号)', () => {
    it('adds a new 办件, leaves an identical one unchanged and updates one whose fields differ, keeping id and first arrival', async () => {
      const [added] = await ctx.store.upsertServiceCases([serviceCase('BJ-1')], T);
      expect(added.outcome).toBe('added');
      expect(await ctx.store.getServiceCase(added.id)).toEqual({ ...serviceCase('BJ-1'), id: added.id, receivedAt: T, updatedAt: T });
      expect(await ctx.store.upsertServiceCases([serviceCase('BJ-1')], T + 1)).toEqual([{ id: added.id, outcome: 'unchanged' }]);
      expect((await ctx.store.getServiceCase(added.id))?.updatedAt).toBe(T);

      const finished = serviceCase('BJ-1', { status: 'FINISHED', finishedAt: T + H, staffId: 'demo-s4', source: 'IMPORT' });
      expect(await ctx.store.upsertServiceCases([finished], T + 2)).toEqual([{ id: added.id, outcome: 'updated' }]);
      // The first source stays: it says how the 办件 first arrived.
      expect(await ctx.store.findServiceCase('demo-unit', 'BJ-1')).toEqual({ ...finished, source: 'API', id: added.id, receivedAt: T, updatedAt: T + 2 });
      expect(await ctx.store.findServiceCase('demo-unit', 'BJ-2')).toBeNull();
      expect(await ctx.store.getServiceCase('0193aaaa-0000-7000-8000-000000000000')).toBeNull();
    });

    it('updates on each changeable field, a null staff and a finishing time taken back included', async () => {
      const base = serviceCase('BJ-F', { status: 'FINISHED', finishedAt: T + H });
      await ctx.store.upsertServiceCases([base], T);
      const changes: Partial<ServiceCaseFields>[] = [
        { serviceItemId: 'demo-item-2' },
        { windowId: 'demo-w2' },
        { staffId: null },
        { applicantType: 'LEGAL_PERSON' },
        { acceptedAt: T - H },
        { finishedAt: T + 2 * H },
        { status: 'IN_PROGRESS', finishedAt: null },
      ];
      let current = base;
      for (const [i, change] of changes.entries()) {
        current = { ...current, ...change };
        expect((await ctx.store.upsertServiceCases([current], T + i + 1))[0].outcome, JSON.stringify(change)).toBe('updated');
        expect(await ctx.store.findServiceCase('demo-unit', 'BJ-F')).toMatchObject({ ...current, source: 'API', updatedAt: T + i + 1 });
      }
    });

    it('answers each item of a batch in order, the same key twice included', async () => {
      await ctx.store.upsertServiceCases([serviceCase('A')], T);
      const out = await ctx.store.upsertServiceCases(
        [serviceCase('B'), serviceCase('A'), serviceCase('A', { status: 'IN_PROGRESS' }), serviceCase('B'), serviceCase('C')],
        T + 1,
      );
      expect(out.map((o) => o.outcome)).toEqual(['added', 'unchanged', 'updated', 'unchanged', 'added']);
      expect(out[1].id).toBe(out[2].id);
      expect(out[0].id).toBe(out[3].id);
      expect(new Set(out.map((o) => o.id)).size).toBe(3);
    });

    it('takes a 办件编号 with text a database may not hold (NUL, a lone surrogate) and knows it again', async () => {
      const odd = [serviceCase('N\u0000UL'), serviceCase('S\ud800')];
      expect((await ctx.store.upsertServiceCases(odd, T)).map((o) => o.outcome)).toEqual(['added', 'added']);
      expect((await ctx.store.upsertServiceCases(odd, T + 1)).map((o) => o.outcome)).toEqual(['unchanged', 'unchanged']);
      const changed = odd.map((c) => ({ ...c, status: 'IN_PROGRESS' as const }));
      expect((await ctx.store.upsertServiceCases(changed, T + 2)).map((o) => o.outcome)).toEqual(['updated', 'updated']);
    });

    it('keeps the same 办件编号 apart in two units', async () => {
      await ctx.store.insertUnit({ id: 'unit-b', name: { 'zh-CN': '乙', en: 'B', bo: 'B' }, active: true });
      await ctx.store.insertWindow({ id: 'b-w1', unitId: 'unit-b', number: '1', name: { 'zh-CN': '乙1', en: 'B1', bo: 'B1' }, sortOrder: 1, active: true });
      await ctx.store.insertServiceItem({ id: 'b-item', code: 'B-1', unitId: 'unit-b', name: { 'zh-CN': '乙', en: 'B', bo: 'B' }, sortOrder: 1, active: true });
      const out = await ctx.store.upsertServiceCases(
        [serviceCase('SAME'), serviceCase('SAME', { unitId: 'unit-b', windowId: 'b-w1', serviceItemId: 'b-item', staffId: null })],
        T,
      );
      expect(out.map((o) => o.outcome)).toEqual(['added', 'added']);
      expect((await ctx.store.findServiceCase('unit-b', 'SAME'))?.windowId).toBe('b-w1');
      expect((await ctx.store.findServiceCase('demo-unit', 'SAME'))?.windowId).toBe('demo-w1');
    });

    it('finds many 办件 of a unit by 办件编号 at once, in the order asked, null where none (odd text and other units included)', async () => {
      await ctx.store.insertUnit({ id: 'unit-c', name: { 'zh-CN': '丙', en: 'C', bo: 'C' }, active: true });
      await ctx.store.insertWindow({ id: 'c-w1', unitId: 'unit-c', number: '1', name: { 'zh-CN': '丙1', en: 'C1', bo: 'C1' }, sortOrder: 1, active: true });
      await ctx.store.insertServiceItem({ id: 'c-item', code: 'C-1', unitId: 'unit-c', name: { 'zh-CN': '丙', en: 'C', bo: 'C' }, sortOrder: 1, active: true });
      const many = Array.from({ length: 5003 }, (_, i) => serviceCase(`MANY-${i}`)); // more than one statement's worth
      const written = await ctx.store.upsertServiceCases([...many, serviceCase('N\u0000UL'), serviceCase('ONLY-C', { unitId: 'unit-c', windowId: 'c-w1', serviceItemId: 'c-item', staffId: null })], T);
      const asked = ['MANY-5002', 'ABSENT', 'ONLY-C', 'N\u0000UL', 'MANY-0', 'MANY-0'];
      const found = await ctx.store.findServiceCases('demo-unit', asked);
      expect(found.map((c) => c?.id ?? null)).toEqual([written[5002].id, null, null, written[5003].id, written[0].id, written[0].id]);
      expect(found[0]).toEqual(await ctx.store.findServiceCase('demo-unit', 'MANY-5002'));
      expect((await ctx.store.findServiceCases('unit-c', ['ONLY-C', 'MANY-1'])).map((c) => c?.caseNo ?? null)).toEqual(['ONLY-C', null]);
      expect(await ctx.store.findServiceCases('demo-unit', [])).toEqual([]);
    });

    it('writes a batch whole or not at all: a row the database refuses undoes the items before it', async () => {
      const bad = serviceCase('BAD', { windowId: 'no-such-window' });
      await expect(ctx.store.upsertServiceCases([serviceCase('OK'), bad], T)).rejects.toThrow();
      expect(await ctx.store.findServiceCase('demo-unit', 'OK')).toBeNull();
      // The database's own checks back the schema's: finished before accepted, finished without a time.
      await expect(ctx.store.upsertServiceCases([serviceCase('X', { finishedAt: T - 1 })], T)).rejects.toThrow();
      await expect(ctx.store.upsertServiceCases([serviceCase('Y', { status: 'FINISHED' })], T)).rejects.toThrow();
    });

    it('decides concurrent writers of one key by the key: one added, the others unchanged or updated, one row', async () => {
      const writes = await Promise.all(
        Array.from({ length: 6 }, (_, i) => ctx.store.upsertServiceCases([serviceCase('RACE', i % 2 ? { status: 'IN_PROGRESS' } : {})], T + i)),
      );
      const outcomes = writes.map((w) => w[0].outcome);
      expect(outcomes.filter((o) => o === 'added')).toHaveLength(1);
      expect(new Set(writes.map((w) => w[0].id)).size).toBe(1);
      expect(await ctx.store.listServiceCases({ limit: 10 })).toHaveLength(1);
    });
  });

  describe('lists', () => {
    it('filters by staff, window, unit and accepted time, newest first, up to the limit', async () => {
      await ctx.store.upsertServiceCases(
        [
          serviceCase('S1-0', {}, 0),
          serviceCase('S1-2', {}, 2),
          serviceCase('S4-1', { staffId: 'demo-s4' }, 1),
          serviceCase('W2-3', { windowId: 'demo-w2', staffId: 'demo-s3' }, 3),
          serviceCase('S1-30', {}, 30),
        ],
        T,
      );
      const nos = async (f: Parameters<typeof ctx.store.listServiceCases>[0]) => (await ctx.store.listServiceCases(f)).map((c) => c.caseNo);
      expect(await nos({ limit: 10 })).toEqual(['S1-30', 'W2-3', 'S1-2', 'S4-1', 'S1-0']);
      expect(await nos({ staffId: 'demo-s1', limit: 10 })).toEqual(['S1-30', 'S1-2', 'S1-0']);
      expect(await nos({ staffId: 'demo-s1', from: T, to: T + 24 * H, limit: 10 })).toEqual(['S1-2', 'S1-0']);
      expect(await nos({ staffId: 'demo-s1', from: T + 2 * H, to: T + 24 * H, limit: 10 })).toEqual(['S1-2']);
      expect(await nos({ windowId: 'demo-w1', from: T, to: T + 24 * H, limit: 10 })).toEqual(['S1-2', 'S4-1', 'S1-0']);
      expect(await nos({ windowId: 'demo-w2', limit: 10 })).toEqual(['W2-3']);
      expect(await nos({ unitId: 'demo-unit', limit: 2 })).toEqual(['S1-30', 'W2-3']);
      expect(await nos({ unitId: 'nowhere', limit: 10 })).toEqual([]);
    });
  });

  describe('business-system tokens', () => {
    const token = (id: string, hash: string, at = T): StoredSystemToken => ({
      id,
      unitId: 'demo-unit',
      name: `系统 ${id}`,
      tokenHash: hash,
      createdBy: 'demo-admin',
      createdAt: at,
      revokedAt: null,
      revokedBy: null,
      lastUsedAt: null,
    });

    it('stores a token by its hash, lists newest first, revokes once', async () => {
      await ctx.store.insertSystemToken(token('t1', 'hash-1'));
      await ctx.store.insertSystemToken(token('t2', 'hash-2', T + 1));
      expect(await ctx.store.findSystemTokenByHash('hash-1')).toEqual(token('t1', 'hash-1'));
      expect(await ctx.store.findSystemTokenByHash('nope')).toBeNull();
      expect((await ctx.store.listSystemTokens()).map((t) => t.id)).toEqual(['t2', 't1']);
      await expect(ctx.store.insertSystemToken(token('t3', 'hash-1'))).rejects.toThrow();
      expect(await ctx.store.revokeSystemToken('t1', 'demo-admin', T + 5)).toBe(true);
      expect(await ctx.store.revokeSystemToken('t1', 'demo-admin', T + 6)).toBe(false);
      expect(await ctx.store.revokeSystemToken('nope', 'demo-admin', T + 6)).toBe(false);
      expect(await ctx.store.findSystemTokenByHash('hash-1')).toMatchObject({ revokedAt: T + 5, revokedBy: 'demo-admin' });
    });

    it('records a use at most once a minute', async () => {
      await ctx.store.insertSystemToken(token('t1', 'hash-1'));
      const used = async () => (await ctx.store.findSystemTokenByHash('hash-1'))?.lastUsedAt;
      await ctx.store.touchSystemToken('t1', T + 1000);
      expect(await used()).toBe(T + 1000);
      await ctx.store.touchSystemToken('t1', T + 60_000);
      expect(await used()).toBe(T + 1000);
      await ctx.store.touchSystemToken('t1', T + 61_001);
      expect(await used()).toBe(T + 61_001);
    });
  });
}
