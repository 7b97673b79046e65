import { afterAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/domain/ids';
import type { RatingRecord } from '../../src/domain/rating';
import { DEFAULT_RATING_FLAG_SETTINGS, flagRatings, type FlagRating, type RatingFlagSettings } from '../../src/domain/rating-flags';
import { payloadHash } from '../../sync-server/canonical';
import type { Store } from '../../sync-server/store/store';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { openDemoStore, tempDir } from '../support/server';

// The database keeps only the ratings the rules could flag (rating-flag-rows.ts flagCandidatesSql); the rules then
// run on those. This checks, on both stores and on seeded random months dense with bursts, that the flags so found
// are exactly the flags the rules give over every rating: nothing missed, nothing added, the same burst figures.

const T0 = Date.parse('2026-10-12T09:00:00+08:00');
const MIN = 60_000;

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 4294967296;
  };
}

function seededRatings(seed: number, n: number): RatingRecord[] {
  const rnd = prng(seed);
  return Array.from({ length: n }, () => {
    const at = T0 + Math.floor(rnd() * 6 * 60) * MIN + Math.floor(rnd() * MIN);
    const kind = rnd();
    const base = {
      id: uuidv7(at), v: 1 as const, level: 'SATISFIED' as const, reasons: [], unitId: 'demo-unit', locale: 'zh-CN' as const, deviceTime: at,
      windowId: rnd() < 0.5 ? 'demo-w1' : 'demo-w2', staffId: rnd() < 0.7 ? 'demo-s1' : undefined,
    };
    if (kind < 0.5) return { ...base, channel: 'HALL_TABLET' as const, deviceId: `kiosk-${Math.floor(rnd() * 3)}` };
    if (kind < 0.75) return { ...base, channel: 'QR' as const, deviceId: `phone-${Math.floor(rnd() * 50)}`, ...(rnd() < 0.5 ? {} : { caseNumber: `BJ-${at}` }) };
    return { ...base, channel: 'HALL_TERMINAL' as const, deviceId: 'terminal-1', caseNumber: `BJ-${at}`, invitedAt: at - Math.floor(rnd() * 4_000) };
  });
}

const stores: [string, () => Promise<Store>][] = [
  ['sqlite', () => openDemoStore(tempDir('flag-candidates'))],
  ['postgres', () => openDemoStore(tempDir('flag-candidates-pg'), { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: newTestSchema('hcp_flagcand') })],
];

afterAll(async () => {
  await dropTestSchemas();
});

for (const [name, open] of stores) {
  describe(`flag candidates (${name})`, () => {
    it('give exactly the flags of the rules over every rating, for several settings and periods', async () => {
      const store = await open();
      try {
        const records = seededRatings(14, 1_500);
        await store.insertRatings({ deviceId: 'seed', receivedAt: T0 + 7 * 60 * MIN, clockOffsetMs: 0, items: records.map((record) => ({ record, hash: payloadHash(record), opensCase: null })) });
        // A sign-in of 李明 on kiosk-1 for the second hour.
        await store.recordStaffSignIn({ staffId: 'demo-s1', deviceId: 'kiosk-1', tokenHash: 'tok-1', source: 'SESSION', at: T0 + 60 * MIN });
        await store.endStaffSignIns('tok-1', T0 + 120 * MIN);
        const all: FlagRating[] = records.map((r) => ({
          id: r.id, channel: r.channel, deviceId: r.deviceId, windowId: r.windowId, deviceTime: r.deviceTime, ratedAt: r.deviceTime,
          ...(r.staffId ? { staffId: r.staffId } : {}), ...(r.caseNumber ? { caseNumber: r.caseNumber } : {}), ...(r.invitedAt !== undefined ? { invitedAt: r.invitedAt } : {}),
        }));
        const signIns = await store.listStaffSignIns(T0 - 60 * MIN, T0 + 8 * 60 * MIN);
        expect(signIns).toEqual([{ deviceId: 'kiosk-1', staffId: 'demo-s1', from: T0 + 60 * MIN, to: T0 + 120 * MIN }]);
        const settingsList: RatingFlagSettings[] = [
          DEFAULT_RATING_FLAG_SETTINGS,
          { fastTapMs: 2500, kioskBurst: { maxCount: 3, windowMinutes: 5 }, windowQrBurst: { maxCount: 2, windowMinutes: 3 } },
          { fastTapMs: 0, kioskBurst: { maxCount: 12, windowMinutes: 30 }, windowQrBurst: { maxCount: 8, windowMinutes: 20 } },
        ];
        let flaggedSeen = 0;
        for (const settings of settingsList) {
          const expected = flagRatings(all, signIns, settings).filter((f) => f.flags.length > 0);
          const candidates = await store.listFlagCandidates({ kind: 'all' }, T0 - 60 * MIN, T0 + 8 * 60 * MIN, settings);
          expect(candidates.length).toBeLessThan(all.length);
          const got = flagRatings(candidates, signIns, settings).filter((f) => f.flags.length > 0);
          const byId = (list: typeof got) => new Map(list.map((f) => [f.id, f.flags]));
          expect(byId(got)).toEqual(byId(expected));
          flaggedSeen += expected.length;
          // A window's scope: the same, restricted to the window.
          const w1 = await store.listFlagCandidates({ kind: 'window', windowId: 'demo-w1' }, T0 - 60 * MIN, T0 + 8 * 60 * MIN, settings);
          expect(w1.every((r) => r.windowId === 'demo-w1')).toBe(true);
          const expectedW1 = flagRatings(all.filter((r) => r.windowId === 'demo-w1'), signIns, settings).filter((f) => f.flags.length > 0);
          expect(byId(flagRatings(w1, signIns, settings).filter((f) => f.flags.length > 0))).toEqual(byId(expectedW1));
        }
        expect(flaggedSeen).toBeGreaterThan(100); // the seeded months are dense: the comparison is not empty
      } finally {
        await store.close();
      }
    });
  });
}
