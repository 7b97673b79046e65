import { describe, expect, it } from 'vitest';
import { SEED_CALENDAR } from '../../src/domain/calendar-data';
import { caseStatus } from '../../src/domain/case-deadlines';
import { applyAction, initialState, type CaseFacts } from '../../src/domain/case-machine';
import { endOfDayCst } from '../../src/domain/workdays';

const at = (iso: string) => Date.parse(`${iso}+08:00`);
const facts = (receivedAt: number, anonymous = false): CaseFacts => ({ id: 'c', staffId: 's1', windowId: 'w1', unitId: 'u', anonymous, receivedAt });

describe('case deadlines', () => {
  it('wants the call-back by the end of the next working day and the fix within 5 working days', () => {
    const s = caseStatus(facts(at('2026-02-13T10:00:00')), initialState(), SEED_CALENDAR, at('2026-02-13T11:00:00'));
    expect(s.callBackDue?.date).toBe('2026-02-14'); // a make-up Saturday
    expect(s.fixDue.date).toBe('2026-02-27'); // across the Spring Festival
    expect(s.fixDue.deadlineMs).toBe(endOfDayCst('2026-02-27'));
    expect(s.overdue).toEqual([]);
    expect(s.nextDueMs).toBe(endOfDayCst('2026-02-14'));
    expect(s.certain).toBe(true);
  });
  it('is overdue once a deadline passes, and not once the case is closed', () => {
    const f = facts(at('2025-09-30T09:00:00'));
    expect(caseStatus(f, initialState(), SEED_CALENDAR, at('2025-10-09T23:00:00')).overdue).toEqual([]); // Oct 1–8 off: due end of Oct 9
    expect(caseStatus(f, initialState(), SEED_CALENDAR, at('2025-10-10T09:00:00')).overdue).toEqual(['CALL_BACK']);
    expect(caseStatus(f, initialState(), SEED_CALENDAR, at('2025-10-15T00:00:01')).overdue).toEqual(['CALL_BACK', 'FIX']);
  });
  it('takes the special path’s own deadline once approved; until then the 5 working days stand', () => {
    const f = facts(at('2026-09-18T09:00:00'), true);
    const decided = applyAction(f, initialState(), { id: 'e', by: 's1', at: 1, action: { type: 'DECIDE', path: 'SPECIAL', explanation: '需省里协调', deadline: '2026-10-30' } });
    if (!decided.ok) throw new Error(decided.refusal);
    const pending = caseStatus(f, decided.state, SEED_CALENDAR, at('2026-10-01T00:00:00'));
    expect(pending.fixDue.date).toBe('2026-09-24');
    expect(pending.overdue).toEqual(['FIX']);
    const approved = applyAction(f, decided.state, { id: 'a', by: 'lead', at: 2, action: { type: 'APPROVE' } });
    if (!approved.ok) throw new Error(approved.refusal);
    const s = caseStatus(f, approved.state, SEED_CALENDAR, at('2026-10-01T00:00:00'));
    expect(s.fixDue.date).toBe('2026-10-30');
    expect(s.callBackDue).toBeNull();
  });
  it('says a deadline reaching a year without a table is uncertain', () => {
    const s = caseStatus(facts(at('2026-12-29T09:00:00')), initialState(), SEED_CALENDAR, at('2026-12-29T10:00:00'));
    expect(s.fixDue.certain).toBe(false);
    expect(s.fixDue.unknownYears).toEqual([2027]);
    expect(s.certain).toBe(false);
  });
  it('never makes a case overdue on an estimated deadline: it is not escalated on a guess', () => {
    const f = facts(at('2026-12-31T09:00:00'));
    const s = caseStatus(f, initialState(), SEED_CALENDAR, at('2027-01-20T09:00:00')); // past any estimate
    expect(s.callBackDue?.certain).toBe(false);
    expect(s.overdue).toEqual([]);
  });
});
