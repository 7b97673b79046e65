import { describe, expect, it } from 'vitest';
import {
  burstFlags,
  DEFAULT_RATING_FLAG_SETTINGS,
  fastTapFlag,
  flagRatings,
  RatingFlagSettingsSchema,
  type FlagRating,
  type RatingFlag,
  type StaffSignIn,
} from '../../src/domain/rating-flags';
import { caseSeed, rng } from '../support/fuzz-prng';

const T0 = Date.parse('2026-03-02T10:00:00+08:00');
const MIN = 60_000;

let seq = 0;
function rating(over: Partial<FlagRating> = {}): FlagRating {
  seq++;
  const ratedAt = over.ratedAt ?? T0;
  return { id: `r${String(seq).padStart(3, '0')}`, channel: 'HALL_TABLET', deviceId: 'kiosk-1', windowId: 'w1', staffId: 's1', deviceTime: ratedAt, ...over, ratedAt };
}
const codes = (flags: RatingFlag[]) => flags.map((f) => f.code);
const flagsOf = (list: FlagRating[], signIns: StaffSignIn[] = []) => new Map(flagRatings(list, signIns).map((f) => [f.id, f.flags]));

describe('FAST_TAP: a tap within 1.5 s of its invitation', () => {
  const invited = (elapsed: number) => rating({ invitedAt: T0, deviceTime: T0 + elapsed, ratedAt: T0 + elapsed + 7_000, caseNumber: 'B1' });
  it('flags exactly 1.5 s and less, not 1.501 s', () => {
    expect(fastTapFlag(invited(1500), 1500)).toEqual({ code: 'FAST_TAP', elapsedMs: 1500, limitMs: 1500 });
    expect(fastTapFlag(invited(200), 1500)?.code).toBe('FAST_TAP');
    expect(fastTapFlag(invited(1501), 1500)).toBeNull();
  });
  it('measures on the device clock (deviceTime − invitedAt), not on the corrected time', () => {
    // ratedAt is 7 s later than deviceTime (the clock correction): irrelevant to the elapsed time.
    expect(codes(flagsOf([invited(900)]).values().next().value!)).toEqual(['FAST_TAP']);
  });
  it('never flags an uninvited rating for speed', () => {
    expect(fastTapFlag(rating(), 1500)).toBeNull();
  });
});

describe('KIOSK_BURST: more than N uninvited ratings from one kiosk within M minutes', () => {
  const { maxCount, windowMinutes } = DEFAULT_RATING_FLAG_SETTINGS.kioskBurst;
  const spread = (n: number, stepMs: number, over: Partial<FlagRating> = {}) =>
    Array.from({ length: n }, (_, i) => rating({ ratedAt: T0 + i * stepMs, ...over }));

  it('leaves exactly N within M minutes unflagged and flags all N + 1', () => {
    const step = (windowMinutes * MIN) / maxCount; // N + 1 ratings span exactly M minutes
    const exactlyN = spread(maxCount, step);
    expect([...flagsOf(exactlyN).values()].every((f) => f.length === 0)).toBe(true);
    const oneMore = spread(maxCount + 1, step);
    const flags = flagsOf(oneMore);
    for (const r of oneMore) {
      expect(flags.get(r.id)).toEqual([{
        code: 'KIOSK_BURST', key: 'kiosk-1', count: maxCount + 1, firstAt: T0, lastAt: T0 + windowMinutes * MIN, maxCount, windowMinutes,
      }]);
    }
  });

  it('does not flag N + 1 spread over a millisecond more than M minutes', () => {
    const list = spread(maxCount + 1, (windowMinutes * MIN) / maxCount);
    list[list.length - 1]!.ratedAt += 1;
    expect([...flagsOf(list).values()].every((f) => f.length === 0)).toBe(true);
  });

  it('counts only uninvited ratings, per kiosk, and only kiosk channels', () => {
    const burst = spread(maxCount, MIN);
    const invited = rating({ ratedAt: T0 + 30_000, invitedAt: T0, deviceTime: T0 + 30_000, caseNumber: 'B1' });
    const otherKiosk = rating({ ratedAt: T0 + 40_000, deviceId: 'kiosk-2' });
    const paper = rating({ ratedAt: T0 + 50_000, channel: 'PAPER' });
    expect([...flagsOf([...burst, invited, otherKiosk, paper]).values()].every((f) => f.length === 0)).toBe(true);
    const sixth = rating({ ratedAt: T0 + 50_000, channel: 'HALL_TERMINAL' });
    expect(flagsOf([...burst, sixth]).get(sixth.id)?.map((f) => f.code)).toEqual(['KIOSK_BURST']);
  });

  it('flags only the ratings inside the burst, each with its densest span', () => {
    const before = rating({ ratedAt: T0 - 30 * MIN });
    const burst = spread(8, 10_000); // 8 within 70 s
    const after = rating({ ratedAt: T0 + 3 * MIN }); // still within 10 minutes of the burst: part of a 9-span
    const lonely = rating({ ratedAt: T0 + 60 * MIN });
    const flags = flagsOf([before, ...burst, after, lonely]);
    expect(flags.get(before.id)).toEqual([]);
    expect(flags.get(lonely.id)).toEqual([]);
    for (const r of [...burst, after]) expect(flags.get(r.id)).toMatchObject([{ code: 'KIOSK_BURST', count: 9, firstAt: T0, lastAt: T0 + 3 * MIN }]);
  });

  it('gives each rating the densest span it lies in, not just the first', () => {
    // 6 ratings 10 s apart from T0, then 10 ratings 1 s apart from T0 + 9 min 55 s. The span from early[0] holds
    // 6 + 6 = 12; the one from early[1] (to T0 + 10 min 10 s) holds 5 + 10 = 15, the densest.
    const early = spread(6, 10_000);
    const late = Array.from({ length: 10 }, (_, i) => rating({ ratedAt: T0 + 9 * MIN + 55_000 + i * 1_000 }));
    const result = burstFlags('KIOSK_BURST', 'k', [...late, ...early], { maxCount: 5, windowMinutes: 10 });
    expect(result.get(early[0]!.id)).toMatchObject({ count: 12, firstAt: T0, lastAt: T0 + 10 * MIN });
    expect(result.get(early[5]!.id)).toMatchObject({ count: 15, firstAt: T0 + 10_000 }); // not the first span's 12
    expect(result.get(late[9]!.id)).toMatchObject({ count: 15, lastAt: T0 + 10 * MIN + 4_000 });
    expect(result.size).toBe(16);
  });

  it('handles a long burst in one pass', () => {
    const many = spread(20_000, 100);
    const flags = burstFlags('KIOSK_BURST', 'k', many, DEFAULT_RATING_FLAG_SETTINGS.kioskBurst);
    expect(flags.size).toBe(20_000);
    expect(flags.get(many[10_000]!.id)?.count).toBe(6001);
  });
});

describe('WINDOW_QR_BURST: more than K window-QR ratings for one window within T minutes', () => {
  const { maxCount, windowMinutes } = DEFAULT_RATING_FLAG_SETTINGS.windowQrBurst;
  const qr = (i: number, over: Partial<FlagRating> = {}) => rating({ channel: 'QR', deviceId: `phone-${i}`, staffId: undefined, ratedAt: T0 + i * MIN, ...over });

  it('flags K + 1 from different phones for one window within T minutes, not K', () => {
    const k = Array.from({ length: maxCount }, (_, i) => qr(i));
    expect([...flagsOf(k).values()].every((f) => f.length === 0)).toBe(true);
    const extra = qr(0, { ratedAt: T0 + windowMinutes * MIN });
    const flags = flagsOf([...k, extra]);
    for (const r of [...k, extra]) expect(flags.get(r.id)).toMatchObject([{ code: 'WINDOW_QR_BURST', key: 'w1', count: maxCount + 1 }]);
  });

  it('leaves 办件 QR ratings and other windows out of the count', () => {
    const list = [
      ...Array.from({ length: maxCount }, (_, i) => qr(i)),
      qr(1, { caseNumber: 'B-2026-0001' }),
      qr(2, { windowId: 'w2' }),
    ];
    expect([...flagsOf(list).values()].every((f) => f.length === 0)).toBe(true);
  });
});

describe('STAFF_SIGNED_IN: a rating made while the rated staff member is signed in on the same device', () => {
  const signIns: StaffSignIn[] = [
    { deviceId: 'tablet-1', staffId: 's1', from: T0, to: T0 + 30 * MIN },
    { deviceId: 'tablet-2', staffId: 's1', from: T0 + 60 * MIN }, // still signed in
  ];
  const on = (deviceId: string, ratedAt: number, over: Partial<FlagRating> = {}) => rating({ deviceId, ratedAt, ...over });

  it('flags from sign-in to sign-out, both ends included, and while still signed in', () => {
    for (const t of [T0, T0 + 10 * MIN, T0 + 30 * MIN]) {
      expect(flagsOf([on('tablet-1', t)], signIns).values().next().value).toEqual([{ code: 'STAFF_SIGNED_IN', staffId: 's1', deviceId: 'tablet-1', signedInFrom: T0 }]);
    }
    expect(codes(flagsOf([on('tablet-2', T0 + 600 * MIN)], signIns).values().next().value!)).toEqual(['STAFF_SIGNED_IN']);
  });

  it('does not flag outside the interval, on another device, for another staff member, or on a paper form', () => {
    const cases = [
      on('tablet-1', T0 - 1),
      on('tablet-1', T0 + 30 * MIN + 1),
      on('kiosk-9', T0 + 10 * MIN),
      on('tablet-1', T0 + 10 * MIN, { staffId: 's2' }),
      on('tablet-1', T0 + 10 * MIN, { staffId: undefined }),
      on('tablet-1', T0 + 10 * MIN, { channel: 'PAPER' }),
    ];
    expect([...flagsOf(cases, signIns).values()].every((f) => f.length === 0)).toBe(true);
  });
});

describe('flagRatings', () => {
  it('answers every rating in the order given, with every flag it earns', () => {
    const signIns: StaffSignIn[] = [{ deviceId: 'kiosk-1', staffId: 's1', from: T0 - MIN }];
    const quick = rating({ invitedAt: T0, deviceTime: T0 + 400, ratedAt: T0 + 400, caseNumber: 'B1' });
    const clean = rating({ deviceId: 'kiosk-5', staffId: 's5' });
    const result = flagRatings([quick, clean], signIns);
    expect(result.map((r) => r.id)).toEqual([quick.id, clean.id]);
    expect(codes(result[0]!.flags)).toEqual(['FAST_TAP', 'STAFF_SIGNED_IN']);
    expect(result[1]!.flags).toEqual([]);
  });
});

describe('RatingFlagSettingsSchema', () => {
  it('accepts the defaults and refuses a zero burst count, a fraction or an unknown key', () => {
    expect(RatingFlagSettingsSchema.safeParse(DEFAULT_RATING_FLAG_SETTINGS).success).toBe(true);
    const bad = [
      { ...DEFAULT_RATING_FLAG_SETTINGS, kioskBurst: { maxCount: 0, windowMinutes: 10 } },
      { ...DEFAULT_RATING_FLAG_SETTINGS, windowQrBurst: { maxCount: 5, windowMinutes: 2.5 } },
      { ...DEFAULT_RATING_FLAG_SETTINGS, fastTapMs: -1 },
      { ...DEFAULT_RATING_FLAG_SETTINGS, extra: 1 },
    ];
    for (const s of bad) expect(RatingFlagSettingsSchema.safeParse(s).success, JSON.stringify(s)).toBe(false);
  });
});

describe('burstFlags against the definition, seeded', () => {
  it('matches a brute force over every span, for 300 random kiosks', () => {
    // The definition, in O(n²): a rating's count is the largest number of ratings in a span of at most the window
    // that contains it; flagged when that exceeds maxCount.
    const brute = (list: FlagRating[], maxCount: number, windowMs: number) => {
      const out = new Map<string, number>();
      for (const a of list) {
        for (const start of list) {
          if (start.ratedAt > a.ratedAt || a.ratedAt - start.ratedAt > windowMs) continue;
          const count = list.filter((r) => r.ratedAt >= start.ratedAt && r.ratedAt - start.ratedAt <= windowMs).length;
          if (count > maxCount && count > (out.get(a.id) ?? 0)) out.set(a.id, count);
        }
      }
      return out;
    };
    for (let run = 0; run < 300; run++) {
      const r = rng(caseSeed(14, run));
      const setting = { maxCount: 1 + r.int(6), windowMinutes: 1 + r.int(5) };
      // Times on a coarse grid so that ties and exact window edges occur often.
      const list = Array.from({ length: r.int(40) }, () => rating({ ratedAt: T0 + r.int(60) * 15_000 }));
      const got = new Map([...burstFlags('KIOSK_BURST', 'k', list, setting)].map(([id, f]) => [id, f.count]));
      expect(got, `run ${run}`).toEqual(brute(list, setting.maxCount, setting.windowMinutes * MIN));
    }
  });
});
