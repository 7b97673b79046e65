import { describe, expect, it } from 'vitest';
import { allowedActions, applyAction, initialState, missingRequirements, replay, type CaseAction, type CaseEvent, type CaseFacts, type CaseState } from '../../src/domain/case-machine';

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({ id: 'c1', staffId: 's1', windowId: 'w1', unitId: 'u', anonymous: false, receivedAt: 1, ...over });
let n = 0;
const ev = (action: CaseAction, by = 's1'): CaseEvent => ({ id: `e${++n}`, action, by, at: 1000 + n });

function run(f: CaseFacts, actions: CaseAction[]): CaseState {
  let s = initialState();
  for (const a of actions) {
    const r = applyAction(f, s, ev(a));
    if (!r.ok) throw new Error(`${a.type} refused: ${r.refusal}`);
    s = r.state;
  }
  return s;
}

const callBack: CaseAction = { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' };
const fix: CaseAction = { type: 'DECIDE', path: 'FIX_WITHIN_5' };
const rectify: CaseAction = { type: 'RECTIFY', what: '补充一次性告知清单' };
const reply: CaseAction = { type: 'REPLY', channel: 'PHONE', text: '已整改并致歉' };

describe('the bad-review case', () => {
  it('closes after call-back, decision, rectification and reply', () => {
    const s = run(facts(), [{ type: 'CALL_BACK', channel: 'PHONE', outcome: 'UNREACHABLE' }, callBack, fix, rectify, reply, { type: 'CLOSE' }]);
    expect(s).toMatchObject({ stage: 'CLOSED', callAttempts: 2 });
  });
  it('keeps an unreachable call-back open for another try', () => {
    const s = run(facts(), [{ type: 'CALL_BACK', channel: 'SMS', outcome: 'UNREACHABLE' }]);
    expect(s.stage).toBe('RECEIVED');
    expect(missingRequirements(facts(), s)).toEqual(['CALL_BACK', 'DECISION', 'RECTIFICATION', 'REPLY']);
  });
  it('skips call-back and reply for an anonymous review', () => {
    const f = facts({ anonymous: true });
    expect(run(f, [fix, rectify, { type: 'CLOSE' }]).stage).toBe('CLOSED');
    expect(applyAction(f, initialState(), ev(callBack))).toEqual({ ok: false, refusal: 'ANONYMOUS_NO_CONTACT' });
  });
  it('closes a not-adopted review without rectification, with an approver other than the rated staff member', () => {
    const f = facts();
    const notAdopted: CaseAction = { type: 'DECIDE', path: 'NOT_ADOPTED', reason: 'MISTAKEN', evidence: '评价人确认误点', approverId: 's9' };
    expect(run(f, [callBack, notAdopted, reply, { type: 'CLOSE' }]).stage).toBe('CLOSED');
    const s = run(f, [callBack]);
    expect(applyAction(f, s, ev({ ...notAdopted, approverId: 's1' }))).toEqual({ ok: false, refusal: 'APPROVER_IS_RATED_STAFF' });
    const decided = run(f, [callBack, notAdopted]);
    expect(applyAction(f, decided, ev(rectify))).toEqual({ ok: false, refusal: 'NOT_ADOPTED_NO_RECTIFICATION' });
  });
  it('refuses illegal transitions with a clear reason', () => {
    const f = facts();
    expect(applyAction(f, initialState(), ev(fix))).toEqual({ ok: false, refusal: 'WRONG_STAGE' });
    expect(applyAction(f, initialState(), ev({ type: 'CLOSE' }))).toEqual({ ok: false, refusal: 'INCOMPLETE' });
    expect(applyAction(f, run(f, [callBack, fix]), ev(reply))).toEqual({ ok: false, refusal: 'WRONG_STAGE' });
    expect(applyAction(f, run(f, [callBack, fix]), ev({ type: 'RECTIFY', what: '  ' }))).toEqual({ ok: false, refusal: 'EMPTY_TEXT' });
    expect(applyAction(f, run(f, [callBack]), ev({ type: 'DECIDE', path: 'SPECIAL', explanation: '', deadline: '2026-12-31' }))).toEqual({ ok: false, refusal: 'EMPTY_TEXT' });
    expect(applyAction(f, run(f, [callBack]), ev({ type: 'REOPEN', reason: 'x' }))).toEqual({ ok: false, refusal: 'WRONG_STAGE' });
  });
  it('lets a closed case be reopened, to be decided and answered again', () => {
    const f = facts();
    const s = run(f, [callBack, fix, rectify, reply, { type: 'CLOSE' }, { type: 'REOPEN', reason: '整改不到位' }]);
    expect(s.stage).toBe('CALLED_BACK');
    expect(s.reopenedAt).toBeGreaterThan(0);
    expect(missingRequirements(f, s)).toEqual(['DECISION', 'RECTIFICATION', 'REPLY']);
  });
  it('replays stored events to the same state', () => {
    const f = facts();
    const events = [callBack, fix, rectify].map((a) => ev(a));
    let folded = initialState();
    for (const e of events) folded = (applyAction(f, folded, e) as { state: CaseState }).state;
    expect(replay(f, events)).toEqual(folded);
    expect(replay(f, events)).toMatchObject({ stage: 'RECTIFIED', version: 3 });
  });
});

describe('random action sequences', () => {
  // A small deterministic generator, so a failure can be reproduced from its seed.
  const rng = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pool: CaseAction[] = [
    callBack,
    { type: 'CALL_BACK', channel: 'SMS', outcome: 'UNREACHABLE' },
    fix,
    { type: 'DECIDE', path: 'FIX_NOW' },
    { type: 'DECIDE', path: 'SPECIAL', explanation: '需跨部门协调', deadline: '2026-12-31' },
    { type: 'DECIDE', path: 'NOT_ADOPTED', reason: 'MALICIOUS', evidence: '录像显示', approverId: 's9' },
    rectify,
    reply,
    { type: 'CLOSE' },
    { type: 'REOPEN', reason: '复查' },
  ];
  it.each(Array.from({ length: 20 }, (_, i) => i + 1))('seed %i never breaks the rules', (seed) => {
    const random = rng(seed);
    for (const anonymous of [false, true]) {
      const f = facts({ anonymous });
      let s = initialState();
      for (let step = 0; step < 60; step++) {
        const r = applyAction(f, s, ev(pool[Math.floor(random() * pool.length)]));
        if (!r.ok) continue;
        s = r.state;
        if (s.stage === 'CLOSED') expect(missingRequirements(f, s)).toEqual([]);
        if (anonymous) expect(s.calledBack ?? s.replied).toBeUndefined();
        if (s.decision?.action.path === 'NOT_ADOPTED') expect(s.rectified).toBeUndefined();
        if (s.rectified) expect(s.decision).toBeDefined();
      }
    }
  });

  it.each(Array.from({ length: 10 }, (_, i) => i + 1))('seed %i: the steps offered are exactly the steps accepted', (seed) => {
    const random = rng(seed);
    for (const anonymous of [false, true]) {
      const f = facts({ anonymous });
      let s = initialState();
      for (let step = 0; step < 60; step++) {
        const accepted = new Set(pool.filter((a) => applyAction(f, s, ev(a)).ok).map((a) => a.type));
        expect(new Set(allowedActions(f, s))).toEqual(accepted);
        const r = applyAction(f, s, ev(pool[Math.floor(random() * pool.length)]));
        if (r.ok) s = r.state;
      }
    }
  });
});
