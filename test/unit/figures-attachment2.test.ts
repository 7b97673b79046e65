import { describe, expect, it } from 'vitest';
import { badReviewFacts, type BadReviewFacts } from '../../src/domain/figures/bad-review-facts';
import { countMonth, rate, type RatingFacts } from '../../src/domain/figures/attachment2';
import { monthOfCst, monthRangeCst } from '../../src/domain/figures/month';
import type { CaseEvent, CaseFacts } from '../../src/domain/case-machine';
import { makeCalendar } from '../../src/domain/workdays';

// The counting rules of Attachment 2 (src/domain/figures/attachment2.ts), edge by edge.

const cstMs = (iso: string) => Date.parse(`${iso}+08:00`);
let n = 0;
const rating = (patch: Partial<RatingFacts> = {}): RatingFacts => ({
  id: `r${String(++n).padStart(4, '0')}`, level: 'SATISFIED', channel: 'HALL_TABLET', ratedAt: cstMs('2026-10-15T10:00:00'), unitId: 'u1', windowId: 'w1',
  staffId: 's1', caseNumber: null, superseded: false, awaitingCheck: false, invalid: false, badReview: null, ...patch,
});
const allRow = (facts: RatingFacts[], month = '2026-10') => countMonth(month, facts, 0).rows.find((r) => r.scope === 'all')!;

describe('the month on the China clock', () => {
  it('starts at 00:00 CST on the 1st: 23:59:59.999 on 30 September is September, 00:00 on 1 October is October', () => {
    const { from, to } = monthRangeCst('2026-10');
    expect(from).toBe(Date.parse('2026-09-30T16:00:00Z'));
    expect(to).toBe(Date.parse('2026-10-31T16:00:00Z'));
    expect(monthOfCst(from - 1)).toBe('2026-09');
    expect(monthOfCst(from)).toBe('2026-10');
    const facts = [rating({ ratedAt: from - 1 }), rating({ ratedAt: from }), rating({ ratedAt: to - 1 }), rating({ ratedAt: to })];
    expect(allRow(facts).total).toBe(2);
    expect(allRow(facts, '2026-09').total).toBe(1);
    expect(allRow(facts, '2026-11').total).toBe(1);
    expect(monthRangeCst('2026-12').to).toBe(Date.parse('2026-12-31T16:00:00Z'));
    expect(() => monthRangeCst('2026-13')).toThrow();
  });
});

describe('rates', () => {
  it('are percent to two decimals, half up, exact; 0/0 is null, never 100%', () => {
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, percent: null });
    expect(rate(2, 3).percent).toBe(66.67);
    expect(rate(1, 3).percent).toBe(33.33);
    expect(rate(1, 32).percent).toBe(3.13); // 3.125 half up
    expect(rate(5, 5).percent).toBe(100);
    expect(rate(0, 7).percent).toBe(0);
    const empty = countMonth('2026-10', [], 0);
    expect(empty.rows).toHaveLength(1);
    expect(empty.rows[0].rates.satisfaction.percent).toBeNull();
    expect(empty.rows[0].rates.callBackRate.percent).toBeNull();
  });
});

describe('what counts', () => {
  it('leaves out a superseded default and an unchecked paper form altogether', () => {
    const row = allRow([rating({ channel: 'DEFAULT', superseded: true, caseNumber: 'B1' }), rating({ channel: 'PAPER', awaitingCheck: true }), rating({ channel: 'PAPER' })]);
    expect(row).toMatchObject({ total: 1, invalid: 0, defaults: 0 });
    expect(row.byChannel.PAPER).toBe(1);
  });

  it('counts a standing default in the total, in its channel and apart', () => {
    const row = allRow([rating({ channel: 'DEFAULT', caseNumber: 'B1' })]);
    expect(row).toMatchObject({ total: 1, defaults: 1, satisfied: 1 });
    expect(row.byChannel.DEFAULT).toBe(1);
  });

  it('leaves an INVALID rating out of every figure and counts it apart, in each of its rows', () => {
    const facts = [rating({ level: 'VERY_DISSATISFIED', invalid: true }), rating()];
    const t = countMonth('2026-10', facts, 0);
    for (const r of t.rows) expect(r).toMatchObject({ total: 1, invalid: 1, bad: 0, satisfied: 1 });
    expect(t.rows.map((r) => r.scope)).toEqual(['all', 'unit', 'window', 'staff']);
  });

  it('counts a 办件 with a 追评 once, by its 追评, in the 追评\'s month; an invalid 追评 gives the count back to assessment 1', () => {
    const first = rating({ caseNumber: 'B7', level: 'DISSATISFIED', ratedAt: cstMs('2026-10-30T10:00:00') });
    const followUp = rating({ caseNumber: 'B7', level: 'VERY_SATISFIED', ratedAt: cstMs('2026-11-02T10:00:00') });
    // The same 办件编号 in another unit is another 办件.
    const other = rating({ caseNumber: 'B7', unitId: 'u2', windowId: 'w9', ratedAt: cstMs('2026-10-30T11:00:00') });
    expect(allRow([first, followUp, other], '2026-10')).toMatchObject({ total: 1, bad: 0 });
    expect(allRow([first, followUp, other], '2026-11')).toMatchObject({ total: 1, byLevel: { VERY_SATISFIED: 1 } });
    expect(allRow([first, { ...followUp, invalid: true }, other], '2026-10')).toMatchObject({ total: 2, bad: 1 });
    // A third rating is refused: still one.
    const third = rating({ caseNumber: 'B7', ratedAt: cstMs('2026-11-03T10:00:00') });
    expect(allRow([first, followUp, third], '2026-11')).toMatchObject({ total: 1, byLevel: { VERY_SATISFIED: 1 } });
  });

  it('counts uninvited visits (no 办件编号) each as themselves', () => {
    expect(allRow([rating(), rating(), rating({ level: 'BASICALLY_SATISFIED' })])).toMatchObject({ total: 3, satisfied: 3 });
  });
});

describe('bad reviews', () => {
  const handled = (b: Partial<BadReviewFacts>): BadReviewFacts => ({ realName: true, calledBack: false, path: null, rectified: false, replied: false, closedOnTime: false, overdue: false, ...b });
  it('splits adopted from not adopted, and rates the call-backs and rectifications on their own denominators', () => {
    const facts = [
      rating({ level: 'VERY_DISSATISFIED', badReview: handled({ calledBack: true, path: 'FIX_NOW', rectified: true, replied: true, closedOnTime: true }) }),
      rating({ level: 'DISSATISFIED', badReview: handled({ calledBack: true, path: 'NOT_ADOPTED', replied: true }) }),
      rating({ level: 'DISSATISFIED', badReview: handled({ realName: false, overdue: true }) }),
      rating(),
    ];
    const row = allRow(facts);
    expect(row).toMatchObject({ total: 4, bad: 3, notAdopted: 1, badAdopted: 2, realNameBad: 2, calledBack: 2, rectified: 1, replied: 2, closedOnTime: 1, overdue: 1 });
    expect(row.byPath).toEqual({ FIX_NOW: 1, FIX_WITHIN_5: 0, SPECIAL: 0, NOT_ADOPTED: 1 });
    expect(row.rates.badRate).toEqual({ numerator: 3, denominator: 4, percent: 75 });
    expect(row.rates.badAdoptedRate).toEqual({ numerator: 2, denominator: 3, percent: 66.67 });
    expect(row.rates.callBackRate).toEqual({ numerator: 2, denominator: 2, percent: 100 });
    expect(row.rates.rectificationRate).toEqual({ numerator: 1, denominator: 2, percent: 50 });
  });

  it('reads a case as of the report: a path needing approval stands only once approved; overdue after the deadline', () => {
    const calendar = makeCalendar([{ year: 2026, holidays: [], workdays: [], source: 'test' }]);
    const facts: CaseFacts = { id: 'c1', staffId: 's1', windowId: 'w1', unitId: 'u1', anonymous: false, receivedAt: cstMs('2026-10-12T09:00:00') };
    const at = (d: string) => cstMs(`2026-10-${d}`);
    const events: CaseEvent[] = [
      { id: 'e1', by: 's2', at: at('12T10:00:00'), action: { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' } },
      { id: 'e2', by: 's2', at: at('12T11:00:00'), action: { type: 'DECIDE', path: 'NOT_ADOPTED', reason: 'MALICIOUS', evidence: 'video', approverId: 's3' } },
    ];
    const pending = badReviewFacts(facts, events, calendar, at('13T09:00:00'));
    expect(pending).toMatchObject({ realName: true, calledBack: true, path: null, overdue: false });
    const approved = [...events, { id: 'e3', by: 's3', at: at('12T12:00:00'), action: { type: 'APPROVE' as const } }];
    expect(badReviewFacts(facts, approved, calendar, at('13T09:00:00')).path).toBe('NOT_ADOPTED');
    // Five working days from Monday the 12th end Monday the 19th: overdue on the 20th, still open.
    expect(badReviewFacts(facts, approved, calendar, at('20T09:00:00')).overdue).toBe(true);
    const closed = [...approved, { id: 'e4', by: 's2', at: at('13T10:00:00'), action: { type: 'REPLY' as const, channel: 'PHONE' as const, text: '已说明' } },
      { id: 'e5', by: 's2', at: at('13T11:00:00'), action: { type: 'CLOSE' as const } }];
    expect(badReviewFacts(facts, closed, calendar, at('20T09:00:00'))).toMatchObject({ replied: true, closedOnTime: true, overdue: false });
  });
});
