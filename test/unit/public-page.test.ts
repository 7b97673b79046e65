import { describe, expect, it } from 'vitest';
import type { CaseEvent, CaseFacts } from '../../src/domain/case-machine';
import { countMonth, type RatingFacts } from '../../src/domain/figures/attachment2';
import { notAdoptedReason } from '../../src/domain/figures/bad-review-facts';
import { PublicMonthSchema } from '../../src/domain/public-api';
import { monthsEndingAt, noNotAdopted, publicMonthFigures, publicOutcomes } from '../../src/domain/public-figures';
import { addressWith, barShare, DEFAULT_DISPLAY_SECONDS, displaySlides, nextSlide, rateText, readAddress } from '../../src/public/public-view';
import { etagMatches } from '../../sync-server/routes/public';
import { TtlCache } from '../../sync-server/public/ttl-cache';

// The pure pieces of /public (issue 16): the not-adopted category, the outcome breakdown, the trend's months,
// the page's rate text, address and display cycle, and the ETag comparison.

const cstMs = (iso: string) => Date.parse(`${iso}+08:00`);

describe('the not-adopted category of a case', () => {
  const facts: CaseFacts = { id: 'c1', staffId: 's1', windowId: 'w1', unitId: 'u1', anonymous: true, receivedAt: cstMs('2026-10-12T09:00:00') };
  const decide: CaseEvent = { id: 'e1', by: 's1', at: cstMs('2026-10-12T10:00:00'), action: { type: 'DECIDE', path: 'NOT_ADOPTED', reason: 'AGAINST_RULES', evidence: 'x', approverId: 's2' } };
  const approve: CaseEvent = { id: 'e2', by: 's2', at: cstMs('2026-10-12T11:00:00'), action: { type: 'APPROVE' } };

  it('is read only from a decision that stands (approved), like the figures read the path', () => {
    expect(notAdoptedReason(facts, [])).toBeNull();
    expect(notAdoptedReason(facts, [decide])).toBeNull();
    expect(notAdoptedReason(facts, [decide, approve])).toBe('AGAINST_RULES');
    const refused: CaseEvent = { id: 'e3', by: 's2', at: cstMs('2026-10-12T12:00:00'), action: { type: 'REFUSE_APPROVAL', reason: 'no evidence' } };
    expect(notAdoptedReason(facts, [decide, refused])).toBeNull();
    const fixNow: CaseEvent = { id: 'e4', by: 's1', at: cstMs('2026-10-12T10:00:00'), action: { type: 'DECIDE', path: 'FIX_NOW' } };
    expect(notAdoptedReason(facts, [fixNow])).toBeNull();
  });
});

describe('public figures from the unit row', () => {
  const r = (patch: Partial<RatingFacts>): RatingFacts => ({
    id: `r${Math.random()}`, level: 'SATISFIED', channel: 'HALL_TABLET', ratedAt: cstMs('2026-10-15T10:00:00'), unitId: 'u1', windowId: 'w1',
    staffId: 's1', caseNumber: null, superseded: false, awaitingCheck: false, invalid: false, badReview: null, ...patch,
  });
  const bad = (path: 'FIX_NOW' | 'NOT_ADOPTED' | null) => r({ level: 'DISSATISFIED', badReview: { realName: false, calledBack: false, path, rectified: false, replied: false, closedOnTime: false, overdue: false } });

  it('breaks the bad reviews down by outcome; PENDING is those without a standing decision', () => {
    const row = countMonth('2026-10', [r({}), bad('FIX_NOW'), bad('NOT_ADOPTED'), bad(null), bad(null)], 0).rows.find((x) => x.scope === 'unit')!;
    const outcomes = publicOutcomes(row, { ...noNotAdopted(), MISTAKEN: 1 });
    expect(outcomes).toEqual({ FIX_NOW: 1, FIX_WITHIN_5: 0, SPECIAL: 0, NOT_ADOPTED: { MISTAKEN: 1, MALICIOUS: 0, AGAINST_RULES: 0 }, PENDING: 2 });
    const figures = publicMonthFigures('u1', '2026-10', row, noNotAdopted());
    expect(figures).toMatchObject({ total: 5, satisfied: 1, bad: 4, rates: { satisfaction: { numerator: 1, denominator: 5, percent: 20 } } });
    expect(Object.keys(figures)).not.toContain('byChannel');
  });

  it('gives zeros and 0/0 rates for a month without ratings', () => {
    expect(publicMonthFigures('u1', '2026-10', undefined, noNotAdopted())).toMatchObject({
      total: 0, bad: 0, rates: { satisfaction: { numerator: 0, denominator: 0, percent: null } }, outcomes: { PENDING: 0 },
    });
  });
});

describe('the trend months and the month parameter', () => {
  it('lists the 12 months ending at a month, across a year', () => {
    expect(monthsEndingAt('2026-03', 12)).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    expect(monthsEndingAt('2026-12', 1)).toEqual(['2026-12']);
  });
  it('takes months from 2000 on', () => {
    expect(PublicMonthSchema.safeParse('2026-11').success).toBe(true);
    for (const m of ['1999-12', '0099-01', '2026-13', '2026-1', 'x']) expect(PublicMonthSchema.safeParse(m).success, m).toBe(false);
  });
});

describe('the page', () => {
  it('writes a rate as percent with numerator/denominator, and — for 0/0', () => {
    expect(rateText({ numerator: 3, denominator: 8, percent: 37.5 })).toBe('37.5% (3/8)');
    expect(rateText({ numerator: 1, denominator: 3, percent: 33.33 })).toBe('33.33% (1/3)');
    expect(rateText({ numerator: 0, denominator: 4, percent: 0 })).toBe('0% (0/4)');
    expect(rateText({ numerator: 0, denominator: 0, percent: null })).toBe('—');
  });
  it('reads the address, clamping the display seconds', () => {
    expect(readAddress('?unit=u1&month=2026-10&display=1&seconds=5&lang=bo')).toEqual({ unitId: 'u1', month: '2026-10', display: true, seconds: 5, lang: 'bo' });
    expect(readAddress('?month=2026-13&seconds=0')).toMatchObject({ unitId: null, month: null, display: false, seconds: DEFAULT_DISPLAY_SECONDS });
    expect(readAddress('?seconds=100000').seconds).toBe(600);
    expect(addressWith('?unit=u1&display=1', { display: null, month: '2026-01' })).toBe('?unit=u1&month=2026-01');
  });
  it('cycles every section of every unit, and moves on when the unit list changed', () => {
    const slides = displaySlides(['a', 'b']);
    expect(slides.map((s) => `${s.unitId}:${s.section}`)).toEqual(['a:figures', 'a:outcomes', 'a:trend', 'a:reviews', 'b:figures', 'b:outcomes', 'b:trend', 'b:reviews']);
    expect(nextSlide(slides, null)).toEqual(slides[0]);
    expect(nextSlide(slides, slides[3]!)).toEqual(slides[4]);
    expect(nextSlide(slides, slides[7]!)).toEqual(slides[0]);
    expect(nextSlide(displaySlides(['b']), { unitId: 'a', section: 'trend' })).toEqual({ unitId: 'b', section: 'figures' });
    expect(nextSlide([], null)).toBeNull();
    expect(barShare(3, 4)).toBe(75);
    expect(barShare(0, 0)).toBe(0);
  });
});

describe('If-None-Match', () => {
  it('matches the tag itself, its weak form, a list and *', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches('*', '"abc"')).toBe(true);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches(undefined, '"abc"')).toBe(false);
  });
});

describe('the per-instance memo of counted months', () => {
  it('makes a value once per key within its time, shares it while it is made, forgets failures, keeps at most N keys', async () => {
    let t = 0;
    const cache = new TtlCache<number>(1_000, 2, () => t);
    let made = 0;
    const make = async () => ++made;
    const [a, b] = await Promise.all([cache.get('k', make), cache.get('k', make)]);
    expect([a, b, made]).toEqual([1, 1, 1]);
    t = 999;
    expect(await cache.get('k', make)).toBe(1);
    t = 1_000;
    expect(await cache.get('k', make)).toBe(2);
    await expect(cache.get('bad', () => Promise.reject(new Error('store away')))).rejects.toThrow('store away');
    expect(await cache.get('bad', make)).toBe(3);
    await cache.get('x', make); // 'k' is the oldest of three: it goes
    expect(await cache.get('k', make)).toBe(5);
  });
});
