import { describe, expect, it } from 'vitest';
import { applyCaseChanges, caseListNeedsReload, queueCaseAction, withCaseChanges } from '../../src/data/case-actions';
import { getMeta, setMeta } from '../../src/data/meta';
import { SyncEngine } from '../../src/data/sync-engine';
import type { TransportResult } from '../../src/data/sync-transport';
import type { Me } from '../../src/domain/account-api';
import type { CaseActionRecord, CaseChanges, CaseListResponse, CaseView } from '../../src/domain/case-api';
import { DEFAULT_CASE_RULES } from '../../src/domain/case-intake';
import { uuidv7 } from '../../src/domain/ids';
import type { PushRequest, PushResponse } from '../../src/domain/sync-api';
import { freshDb } from '../support/kiosk-fixtures';

const me: Me = { id: 'demo-s1', name: '李明', employeeNo: 'D1001', unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF'], photoUrl: null, mustChangePassword: false };
const receivedAt = Date.now() - 3_600_000;

function aCase(events: number): CaseView {
  const id = uuidv7(receivedAt);
  return {
    facts: { id, staffId: 'demo-s1', windowId: 'demo-w1', unitId: 'demo-unit', anonymous: false, receivedAt },
    events: Array.from({ length: events }, (_, i) => ({ id: uuidv7(), action: { type: 'CALL_BACK', channel: 'PHONE', outcome: 'UNREACHABLE' }, by: 'demo-s1', at: receivedAt + i + 1, seq: i + 1 })),
    rating: { id, level: 'DISSATISFIED', reasons: [], channel: 'HALL_TABLET', unitId: 'demo-unit', windowId: 'demo-w1', staffId: 'demo-s1', ratedAt: receivedAt, receivedAt, contact: null, canReveal: false },
  };
}
const list = (cases: CaseView[]): CaseListResponse => ({
  cases,
  refs: { reasons: [], windows: [], staff: [{ id: 'demo-s1', name: '李明', employeeNo: 'D1001' }] },
  calendar: [],
  approvers: [],
  rules: DEFAULT_CASE_RULES,
  serverTime: Date.now(),
});
const event = (by = 'demo-s2', seq = 10) => ({ id: uuidv7(), action: { type: 'DECIDE' as const, path: 'FIX_NOW' as const }, by, at: Date.now(), seq, receivedAt: Date.now() });
const lead = { id: 'demo-s2', name: '王芳', employeeNo: 'D1002' };

describe('a case push answer applied to the list the tablet holds', () => {
  it('replaces the events from the answer’s position on and learns the new authors’ names', () => {
    const c = aCase(2);
    const newer = [event(), event('demo-s1', 11)];
    const changes: CaseChanges = { cases: [{ caseId: c.facts.id, from: 1, events: newer }], staff: [lead] };
    const { response, stale } = withCaseChanges(list([c, aCase(0)]), changes);
    expect(stale).toBe(false);
    expect(response.cases[0].events.map((e) => e.id)).toEqual([c.events[0].id, ...newer.map((e) => e.id)]);
    expect(response.cases[1].events).toEqual([]);
    expect(response.refs.staff.map((s) => s.id)).toEqual(['demo-s1', 'demo-s2']);
  });

  it('calls the copy stale when a change does not fit it: events missing before the answer’s, or a case it lacks', () => {
    const c = aCase(1);
    expect(withCaseChanges(list([c]), { cases: [{ caseId: c.facts.id, from: 2, events: [event()] }], staff: [] }).stale).toBe(true);
    expect(withCaseChanges(list([c]), { cases: [{ caseId: uuidv7(), from: 0, events: [event()] }], staff: [] }).stale).toBe(true);
  });

  it('updates the saved list through the engine’s answer hook, so no download is needed; a step still waiting needs one', async () => {
    const db = await freshDb();
    const c = aCase(0);
    await setMeta(db, 'me', me);
    await setMeta(db, 'casesCache', { userId: me.id, fetchedAt: 1, response: list([c]) });
    const step: CaseActionRecord = { id: uuidv7(), caseId: c.facts.id, baseVersion: 0, action: { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' }, by: 'demo-s1', at: Date.now() };
    await queueCaseAction(db, step);
    let online = false;
    const push = async (req: PushRequest): Promise<TransportResult<PushResponse>> => {
      if (!online) return { kind: 'retryable', error: { code: 'NETWORK', message: 'offline' } };
      const results = req.items.map((r, index) => ({ index, id: (r as CaseActionRecord).id, status: 'accepted' as const }));
      const changes: CaseChanges = { cases: [{ caseId: c.facts.id, from: 0, events: [{ ...step, seq: 1, receivedAt: Date.now() }] }], staff: [] };
      return { kind: 'ok', body: { serverTime: Date.now(), results, changes }, bytesSent: 0 };
    };
    const health = async () => ({ kind: 'ok' as const, body: { status: 'ok' as const, serverTime: Date.now(), version: 't' }, bytesSent: 0 });
    const engine = new SyncEngine({ db, stream: 'case', push, health, onAnswer: (answer) => applyCaseChanges(db, answer), random: () => 0.5 });

    await engine.sync('submit');
    expect(await caseListNeedsReload(db, step.id, me.id)).toBe(true);
    online = true;
    await engine.sync('manual');
    const saved = (await getMeta(db, 'casesCache'))!;
    expect(saved.response.cases[0].events.map((e) => e.id)).toEqual([step.id]);
    expect(saved.fetchedAt).toBe(1);
    expect(await caseListNeedsReload(db, step.id, me.id)).toBe(false);
    expect(await caseListNeedsReload(db, step.id, 'demo-s2')).toBe(true);
  });

  it('leaves another person’s copy alone, and marks the copy stale after an answer without changes', async () => {
    const db = await freshDb();
    const c = aCase(0);
    await setMeta(db, 'me', me);
    await setMeta(db, 'casesCache', { userId: 'demo-s2', fetchedAt: 1, response: list([c]) });
    await applyCaseChanges(db, { serverTime: Date.now(), results: [], changes: { cases: [{ caseId: c.facts.id, from: 0, events: [event()] }], staff: [] } });
    expect((await getMeta(db, 'casesCache'))!.response.cases[0].events).toEqual([]);
    await setMeta(db, 'casesCache', { userId: me.id, fetchedAt: 1, response: list([c]) });
    await applyCaseChanges(db, { serverTime: Date.now(), results: [] });
    expect((await getMeta(db, 'casesCache'))!.stale).toBe(true);
  });
});
