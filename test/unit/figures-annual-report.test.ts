import { describe, expect, it } from 'vitest';
import { SEED_CALENDAR } from '../../src/domain/calendar-data';
import type { CaseAction, CaseFacts } from '../../src/domain/case-machine';
import { groupAnnual, sumSubtotals } from '../../src/domain/figures/annual-groups';
import { annualEntry, yearOfCst, yearRangeCst, type AnnualRating, type AnnualReviewInput } from '../../src/domain/figures/annual-report';

const at = (iso: string) => Date.parse(`${iso}+08:00`);
const ASOF = at('2026-11-30T12:00:00');

function review(id: string, opts: { anonymous?: boolean; windowId?: string; unitId?: string; ratedAt?: string; comment?: string | null } = {}) {
  const ratedAt = at(opts.ratedAt ?? '2026-03-02T09:00:00');
  const rating: AnnualRating = {
    id, level: 'DISSATISFIED', channel: 'HALL_TABLET', ratedAt, unitId: opts.unitId ?? 'u1', windowId: opts.windowId ?? 'w1', staffId: 's1',
    reasons: ['ATTITUDE'], otherReason: null, comment: opts.comment ?? null, serviceItemId: null,
  };
  const facts: CaseFacts = { id, staffId: 's1', windowId: rating.windowId, unitId: rating.unitId, anonymous: opts.anonymous ?? false, receivedAt: ratedAt };
  return { rating, facts };
}

/** Events a minute apart from the rating time, by s1 unless said otherwise. */
function input(base: ReturnType<typeof review>, steps: (CaseAction | [CaseAction, string, string?])[], extra: Partial<AnnualReviewInput> = {}): AnnualReviewInput {
  const events = steps.map((s, i) => {
    const [action, by, when] = Array.isArray(s) ? s : [s, 's1'];
    return { id: `e${i}`, action, by, at: when ? at(when) : base.rating.ratedAt + (i + 1) * 60_000 };
  });
  return { ...base, events, counted: true, invalid: false, ...extra };
}

const FULL: CaseAction[] = [
  { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED', note: '已联系，致歉' },
  { type: 'DECIDE', path: 'FIX_NOW', note: '当场更正' },
  { type: 'RECTIFY', what: '补充一次性告知清单' },
  { type: 'REPLY', channel: 'PHONE', text: '已整改并致歉' },
  { type: 'CLOSE' },
];

describe('annual report entries', () => {
  it('gives the year on the China clock', () => {
    const { from, to } = yearRangeCst(2026);
    expect(from).toBe(at('2026-01-01T00:00:00'));
    expect(to).toBe(at('2027-01-01T00:00:00'));
    expect(yearOfCst(at('2026-12-31T23:59:59'))).toBe(2026);
    expect(yearOfCst(Date.parse('2026-12-31T16:00:00Z'))).toBe(2027);
  });

  it('has the four records of a handled 立行立改 with dates, on time', () => {
    const e = annualEntry(input(review('a'), FULL), SEED_CALENDAR, ASOF);
    expect(e.stage).toBe('CLOSED');
    expect(e.callBack).toMatchObject({ channel: 'PHONE', note: '已联系，致歉', by: 's1' });
    expect(e.decision).toMatchObject({ path: 'FIX_NOW', text: '当场更正', approved: null, awaitingApproval: false });
    expect(e.rectification?.what).toBe('补充一次性告知清单');
    expect(e.reply).toMatchObject({ channel: 'PHONE', text: '已整改并致歉' });
    expect(e.closedAt).toBe(at('2026-03-02T09:05:00'));
    expect(e.callBackDue?.date).toBe('2026-03-03');
    expect(e.fixDue.date).toBe('2026-03-09');
    expect([e.callBackState, e.fixState, e.overdue]).toEqual(['ON_TIME', 'ON_TIME', false]);
  });

  it('marks a call-back after its day LATE and an open case past its fix deadline OVERDUE', () => {
    const base = review('b');
    const e = annualEntry(input(base, [[{ type: 'CALL_BACK', channel: 'SMS', outcome: 'REACHED' }, 's1', '2026-03-05T10:00:00'], { type: 'DECIDE', path: 'FIX_WITHIN_5' }]), SEED_CALENDAR, ASOF);
    expect(e.callBackState).toBe('LATE');
    expect(e.fixState).toBe('OVERDUE');
    expect(e.overdue).toBe(true);
    expect(e.rectification).toBeNull();
    const fresh = annualEntry(input(review('c', { ratedAt: '2026-11-30T09:00:00' }), []), SEED_CALENDAR, ASOF);
    expect([fresh.callBackState, fresh.fixState, fresh.overdue]).toEqual(['PENDING', 'PENDING', false]);
  });

  it('takes a special path’s own deadline once approved, with its explanation and approver', () => {
    const e = annualEntry(
      input(review('d'), [
        FULL[0]!,
        { type: 'DECIDE', path: 'SPECIAL', explanation: '需省里协调系统', deadline: '2026-04-30' },
        [{ type: 'APPROVE' }, 'lead1'],
        { type: 'RECTIFY', what: '系统已升级' },
        { type: 'REPLY', channel: 'WECHAT', text: '已告知' },
        [{ type: 'CLOSE' }, 's1', '2026-04-20T10:00:00'],
      ]),
      SEED_CALENDAR,
      ASOF,
    );
    expect(e.decision).toMatchObject({ path: 'SPECIAL', text: '需省里协调系统', deadline: '2026-04-30', approved: { by: 'lead1' } });
    expect(e.fixDue.date).toBe('2026-04-30');
    expect(e.fixState).toBe('ON_TIME'); // past the 5 working days, within the approved deadline
    const waiting = annualEntry(input(review('d2'), [FULL[0]!, { type: 'DECIDE', path: 'SPECIAL', explanation: '协调', deadline: '2026-04-30' }]), SEED_CALENDAR, ASOF);
    expect(waiting.decision).toMatchObject({ awaitingApproval: true, approved: null });
    expect(waiting.stage).toBe('AWAITING_APPROVAL');
    expect(waiting.fixDue.date).toBe('2026-03-09');
  });

  it('shows a not-adopted decision with its category, evidence and approval, and no rectification owed', () => {
    const e = annualEntry(
      input(
        review('f'),
        [FULL[0]!, { type: 'DECIDE', path: 'NOT_ADOPTED', reason: 'MALICIOUS', evidence: '监控显示未办理业务', approverId: 'sup1' }, [{ type: 'APPROVE' }, 'sup1'], { type: 'REPLY', channel: 'PHONE', text: '已解释' }, { type: 'CLOSE' }],
        { counted: true },
      ),
      SEED_CALENDAR,
      ASOF,
    );
    expect(e.decision).toMatchObject({ path: 'NOT_ADOPTED', reason: 'MALICIOUS', text: '监控显示未办理业务', approverId: 'sup1', approved: { by: 'sup1' } });
    expect(e.rectification).toBeNull();
    expect(e.stage).toBe('CLOSED');
  });

  it('keeps the last decision after a reopening, counts the reopenings and restarts the fix deadline', () => {
    const e = annualEntry(
      input(review('g'), [
        ...FULL,
        [{ type: 'REOPEN', reason: '群众再次反映' }, 'sup1', '2026-03-16T09:00:00'],
        [{ type: 'DECIDE', path: 'FIX_WITHIN_5', note: '再次整改' }, 's1', '2026-03-16T10:00:00'],
        [{ type: 'RECTIFY', what: '调整窗口排班' }, 's1', '2026-03-17T10:00:00'],
      ]),
      SEED_CALENDAR,
      ASOF,
    );
    expect(e.reopened).toEqual({ count: 1, lastAt: at('2026-03-16T09:00:00'), lastReason: '群众再次反映' });
    expect(e.decision).toMatchObject({ path: 'FIX_WITHIN_5', text: '再次整改' });
    expect(e.rectification?.what).toBe('调整窗口排班');
    expect(e.reply).toBeNull(); // the earlier reply belongs to the first round
    expect(e.callBack?.note).toBe('已联系，致歉'); // the call-back stands
    expect(e.fixDue.date).toBe('2026-03-23');
    expect(e.closedAt).toBeNull();
    expect(e.fixState).toBe('OVERDUE');
  });

  it('skips a step the machine refuses, as replay does', () => {
    const e = annualEntry(input(review('h'), [{ type: 'RECTIFY', what: '无决定不能整改' }, ...FULL]), SEED_CALENDAR, ASOF);
    expect(e.rectification?.what).toBe('补充一次性告知清单');
  });

  it('owes an anonymous review no call-back or reply', () => {
    const e = annualEntry(input(review('i', { anonymous: true }), [{ type: 'DECIDE', path: 'FIX_NOW' }, { type: 'RECTIFY', what: '已改' }, { type: 'CLOSE' }]), SEED_CALENDAR, ASOF);
    expect(e.realName).toBe(false);
    expect(e.callBackDue).toBeNull();
    expect(e.callBackState).toBe('NONE');
    expect(e.reply).toBeNull();
    expect(e.stage).toBe('CLOSED');
  });

  it('masks phone and ID numbers in every free text', () => {
    const phone = '13812345678';
    const e = annualEntry(
      input(review('j', { comment: `请打 ${phone}` }), [
        { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED', note: `拨打 138 1234 5678` },
        { type: 'DECIDE', path: 'NOT_ADOPTED', reason: 'MISTAKEN', evidence: '身份证 110101199003077777 核对', approverId: 'sup1' },
        [{ type: 'APPROVE' }, 'sup1'],
        { type: 'REPLY', channel: 'SMS', text: `已发短信至１３８１２３４５６７８` },
      ]),
      SEED_CALENDAR,
      ASOF,
    );
    const texts = JSON.stringify(e);
    expect(texts).not.toMatch(/1381234|13812345678|110101199003077777|１３８１２３４/);
    expect(e.rating.comment).toContain('138****5678');
    expect(e.reply?.text).toContain('****');
    expect(e.decision?.text).toContain('核对');
  });
});

describe('annual report grouping', () => {
  it('groups by unit then window in catalogue order, in time order, with subtotals', () => {
    const entries = [
      annualEntry(input(review('k1', { unitId: 'u2', windowId: 'w9', ratedAt: '2026-05-01T09:00:00' }), FULL), SEED_CALENDAR, ASOF),
      annualEntry(input(review('k2', { unitId: 'u1', windowId: 'w2', ratedAt: '2026-06-01T09:00:00' }), []), SEED_CALENDAR, ASOF),
      annualEntry(input(review('k3', { unitId: 'u1', windowId: 'w1', ratedAt: '2026-07-01T09:00:00' }), FULL, { invalid: true, counted: false }), SEED_CALENDAR, ASOF),
      annualEntry(input(review('k4', { unitId: 'u1', windowId: 'w2', ratedAt: '2026-02-01T09:00:00' }), FULL), SEED_CALENDAR, ASOF),
    ];
    const rank = (ids: string[]) => (id: string) => ids.indexOf(id);
    const groups = groupAnnual(entries, { unit: rank(['u1', 'u2']), window: rank(['w1', 'w2', 'w9']) });
    expect(groups.map((g) => g.unitId)).toEqual(['u1', 'u2']);
    expect(groups[0]!.windows.map((w) => [w.windowId, w.entries.map((e) => e.rating.id)])).toEqual([['w1', ['k3']], ['w2', ['k4', 'k2']]]);
    expect(groups[0]!.subtotal).toMatchObject({ total: 3, counted: 2, invalid: 1, undecided: 1, rectified: 2, replied: 2, closed: 2, overdue: 1 });
    expect(groups[0]!.subtotal.byPath.FIX_NOW).toBe(2);
    expect(sumSubtotals(groups.map((g) => g.subtotal))).toMatchObject({ total: 4, closed: 3, byPath: { FIX_NOW: 3 } });
  });
});
