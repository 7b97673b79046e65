import { describe, expect, it } from 'vitest';
import { countMonth, type RatingFacts } from '../../src/domain/figures/attachment2';
import type { BadReviewFacts } from '../../src/domain/figures/bad-review-facts';
import {
  addMonths, closeDates, closeStatus, diffSignatures, diffTables, monthsToClose, signMonth, CLOSE_LIST_MONTHS,
} from '../../src/domain/figures/month-close';

// Month close rules (src/domain/figures/month-close.ts): due and overdue on the China clock, the signature of a
// rating and the corrections against a snapshot. Every instant is given explicitly.

const cst = (iso: string) => Date.parse(`${iso}+08:00`);
let n = 0;
const rating = (patch: Partial<RatingFacts> = {}): RatingFacts => ({
  id: `r${String(++n).padStart(4, '0')}`, level: 'SATISFIED', channel: 'HALL_TABLET', ratedAt: cst('2026-10-15T10:00:00'), unitId: 'u1', windowId: 'w1',
  staffId: 's1', caseNumber: null, superseded: false, awaitingCheck: false, invalid: false, badReview: null, ...patch,
});
const handled = (patch: Partial<BadReviewFacts> = {}): BadReviewFacts => ({
  realName: true, calledBack: false, path: null, rectified: false, replied: false, closedOnTime: false, overdue: false, ...patch,
});

describe('due dates on the China clock', () => {
  it('makes a month due at 00:00 CST on the 1st and late from 00:00 CST on the 10th', () => {
    const { dueFrom, deadline } = closeDates('2026-10');
    expect(dueFrom).toBe(Date.parse('2026-10-31T16:00:00Z'));
    expect(deadline).toBe(Date.parse('2026-11-09T16:00:00Z'));
    expect(closeStatus('2026-10', cst('2026-10-31T23:59:59.999'), null)).toBe('notDue');
    expect(closeStatus('2026-10', cst('2026-11-01T00:00:00'), null)).toBe('due');
    expect(closeStatus('2026-10', cst('2026-11-09T23:59:59.999'), null)).toBe('due');
    expect(closeStatus('2026-10', cst('2026-11-10T00:00:00'), null)).toBe('overdue');
    expect(closeStatus('2026-10', cst('2026-11-30T12:00:00'), cst('2026-11-09T23:59:59.999'))).toBe('submitted');
    expect(closeStatus('2026-10', cst('2026-11-30T12:00:00'), cst('2026-11-10T00:00:00'))).toBe('submittedLate');
  });

  it('crosses the year: December is due on 1 January and late from 10 January of the next year', () => {
    expect(closeDates('2026-12')).toEqual({ dueFrom: Date.parse('2026-12-31T16:00:00Z'), deadline: Date.parse('2027-01-09T16:00:00Z') });
    // 1 January 00:30 in China is still 31 December in UTC: the China clock decides.
    expect(closeStatus('2026-12', Date.parse('2026-12-31T16:30:00Z'), null)).toBe('due');
    expect(closeStatus('2026-12', Date.parse('2026-12-31T15:59:59Z'), null)).toBe('notDue');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(addMonths('2026-03', -15)).toBe('2024-12');
  });

  it('lists the ended months back to the first rating, at most a year, newest first', () => {
    const now = cst('2026-11-30T12:00:00');
    expect(monthsToClose(now, cst('2026-08-20T09:00:00'))).toEqual(['2026-10', '2026-09', '2026-08']);
    expect(monthsToClose(now, null)).toEqual(['2026-10']);
    // The first rating this month: the last ended month is still listed (zero is a figure).
    expect(monthsToClose(now, cst('2026-11-02T09:00:00'))).toEqual(['2026-10']);
    const long = monthsToClose(now, cst('2020-01-01T00:00:00'));
    expect(long).toHaveLength(CLOSE_LIST_MONTHS);
    expect(long[long.length - 1]).toBe('2025-11');
    // 00:10 CST on 1 January: December has just ended (UTC still says 31 December).
    expect(monthsToClose(cst('2027-01-01T00:10:00'), cst('2026-12-01T00:00:00'))).toEqual(['2026-12']);
  });
});

describe('signatures and corrections', () => {
  const month = '2026-10';
  const base = [rating(), rating({ level: 'DISSATISFIED', badReview: handled() }), rating({ channel: 'PAPER', awaitingCheck: true })];

  it('signs every rating of the month, counted or not, and nothing of other months', () => {
    const other = rating({ ratedAt: cst('2026-11-01T00:00:00') });
    const sigs = signMonth(month, [...base, other]);
    expect(sigs.map((s) => [s.id, s.state])).toEqual([
      [base[0]!.id, 'COUNTED'], [base[1]!.id, 'COUNTED'], [base[2]!.id, 'AWAITING_CHECK'],
    ]);
    expect(sigs[1]!.handling).toEqual(handled());
    expect(sigs[0]!.handling).toBeNull();
  });

  it('names a late rating as added, an invalidation, a check, a 追评 and a reopened case as changed, with the cells', () => {
    const snapshotFacts = [...base, rating({ level: 'VERY_DISSATISFIED', badReview: handled({ calledBack: true, path: 'FIX_NOW', rectified: true, closedOnTime: true }) }),
      rating({ caseNumber: 'BJ-1', ratedAt: cst('2026-10-03T10:00:00') })];
    const before = signMonth(month, snapshotFacts);
    const beforeTable = countMonth(month, snapshotFacts, 0).rows;
    const late = rating({ ratedAt: cst('2026-10-31T23:59:00'), windowId: 'w2', staffId: 's2' });
    const def = rating({ channel: 'DEFAULT', ratedAt: cst('2026-10-20T17:00:00') });
    const followUp = rating({ caseNumber: 'BJ-1', level: 'BASICALLY_SATISFIED', ratedAt: cst('2026-10-10T10:00:00') });
    const nowFacts = [
      { ...snapshotFacts[0]!, invalid: true },
      { ...snapshotFacts[1]!, badReview: handled({ calledBack: true }) },
      { ...snapshotFacts[2]!, awaitingCheck: false },
      { ...snapshotFacts[3]!, badReview: handled({ calledBack: true, path: 'FIX_NOW', rectified: true, closedOnTime: false }) },
      snapshotFacts[4]!, late, def, followUp,
    ];
    const changes = diffSignatures(before, signMonth(month, nowFacts));
    const summary = Object.fromEntries(changes.map((c) => [(c.after ?? c.before)!.id, [c.kind, c.why, c.fields.join(',')]]));
    expect(summary).toEqual({
      [snapshotFacts[0]!.id]: ['changed', 'INVALIDATED', 'state'],
      [snapshotFacts[1]!.id]: ['changed', 'CASE_CHANGED', 'handling.calledBack'],
      [snapshotFacts[2]!.id]: ['changed', 'CHECKED', 'state'],
      [snapshotFacts[3]!.id]: ['changed', 'CASE_REOPENED', 'handling.closedOnTime'],
      [snapshotFacts[4]!.id]: ['changed', 'FOLLOWED_UP', 'state'],
      [late.id]: ['added', 'LATE_ARRIVAL', ''],
      [def.id]: ['added', 'NEW_DEFAULT', ''],
      [followUp.id]: ['added', 'LATE_ARRIVAL', ''],
    });
    // By rating time.
    expect(changes.map((c) => (c.after ?? c.before)!.ratedAt)).toEqual([...changes.map((c) => (c.after ?? c.before)!.ratedAt)].sort((a, b) => a - b));

    const rows = diffTables(beforeTable, countMonth(month, nowFacts, 0).rows);
    const all = rows.find((r) => r.scope === 'all')!;
    const cells = Object.fromEntries(all.cells.map((c) => [c.cell, [c.before, c.after]]));
    // Counted before: 1 satisfied, 2 bad, 1 办件 rating = 4; now: −1 invalid, +1 checked paper, +1 late, +1 default; the 办件 still one.
    expect(cells.total).toEqual([4, 6]);
    expect(cells.invalid).toEqual([0, 1]);
    expect(cells.defaults).toEqual([0, 1]);
    expect(cells.calledBack).toEqual([1, 2]);
    expect(cells.closedOnTime).toEqual([1, 0]);
    expect(cells['byLevel.BASICALLY_SATISFIED']).toEqual([0, 1]);
    expect(cells['byChannel.PAPER']).toEqual([0, 1]);
    expect(cells.bad).toBeUndefined();
    // The late rating's new window row appears, old → new from zero.
    const w2 = rows.find((r) => r.scope === 'window' && r.windowId === 'w2')!;
    expect(w2.cells.find((c) => c.cell === 'total')).toEqual({ cell: 'total', before: 0, after: 1 });
  });

  it('finds nothing when nothing changed, and a removed rating as removed', () => {
    const facts = [...base];
    expect(diffSignatures(signMonth(month, facts), signMonth(month, facts))).toEqual([]);
    expect(diffTables(countMonth(month, facts, 0).rows, countMonth(month, facts, 5).rows)).toEqual([]);
    const gone = diffSignatures(signMonth(month, facts), signMonth(month, facts.slice(1)));
    expect(gone.map((c) => [c.kind, c.why])).toEqual([['removed', 'REMOVED']]);
    const rows = diffTables(countMonth(month, facts, 0).rows, countMonth(month, [], 0).rows);
    expect(rows.find((r) => r.scope === 'unit')!.cells.find((c) => c.cell === 'total')).toEqual({ cell: 'total', before: 2, after: 0 });
  });

  it('ignores the handling of a bad review that does not count (its case adds nothing)', () => {
    const invalid = rating({ level: 'DISSATISFIED', invalid: true, badReview: handled() });
    const later = { ...invalid, badReview: handled({ calledBack: true, overdue: true }) };
    expect(diffSignatures(signMonth(month, [invalid]), signMonth(month, [later]))).toEqual([]);
  });
});
