import { describe, expect, it } from 'vitest';
import { localCaseActions, queueCaseAction } from '../../src/data/case-actions';
import { setMeta } from '../../src/data/meta';
import { countWaiting } from '../../src/data/stream-tables';
import { SyncEngine } from '../../src/data/sync-engine';
import type { TransportResult } from '../../src/data/sync-transport';
import type { Me } from '../../src/domain/account-api';
import type { CaseActionRecord } from '../../src/domain/case-api';
import { uuidv7 } from '../../src/domain/ids';
import type { PushRequest, PushResponse } from '../../src/domain/sync-api';
import { freshDb } from '../support/kiosk-fixtures';

const person = (id: string): Me => ({ id, name: id, employeeNo: id, unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF'], photoUrl: null, mustChangePassword: false });
const step = (by: string): CaseActionRecord => ({ id: uuidv7(), caseId: uuidv7(), baseVersion: 0, action: { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' }, by, at: Date.now() });
const acceptAll = (sent: PushRequest[]) => async (req: PushRequest): Promise<TransportResult<PushResponse>> => {
  sent.push(structuredClone(req));
  return { kind: 'ok', body: { serverTime: Date.now(), results: req.items.map((r, index) => ({ index, id: (r as { id: string }).id, status: 'accepted' as const })) }, bytesSent: 0 };
};
const healthy = async () => ({ kind: 'ok' as const, body: { status: 'ok' as const, serverTime: Date.now(), version: 't' }, bytesSent: 0 });

describe('session streams on a tablet shared across shifts', () => {
  it("send only the signed-in person's own steps; another's wait, pending, for their next sign-in", async () => {
    const db = await freshDb();
    const [morning1, afternoon, morning2] = [step('demo-s1'), step('demo-s2'), step('demo-s1')];
    for (const s of [morning1, afternoon, morning2]) await queueCaseAction(db, s);
    await setMeta(db, 'me', person('demo-s2'));
    expect(await countWaiting(db, 'case', 'demo-s2')).toBe(1);
    expect(await countWaiting(db, 'case', 'demo-s1')).toBe(2);

    const sent: PushRequest[] = [];
    const engine = new SyncEngine({ db, stream: 'case', push: acceptAll(sent), health: healthy, random: () => 0.5 });
    await engine.sync('submit');
    expect(sent.map((r) => r.items.map((x) => (x as CaseActionRecord).id))).toEqual([[afternoon.id]]);
    expect((await localCaseActions(db)).map((a) => [a.record.id, a.state])).toEqual([
      [morning1.id, 'pending'],
      [morning2.id, 'pending'],
    ]);
    // Not read by the afternoon's run at all: no attempt counted, no error written on them.
    expect((await db.outbox.bulkGet([morning1.id, morning2.id])).map((i) => [i?.attempts, i?.lastError])).toEqual([
      [0, undefined],
      [0, undefined],
    ]);

    // Only the morning's steps are left: nothing is sent under the afternoon's session; the morning's sign-in sends them.
    await engine.sync('timer');
    expect(sent).toHaveLength(1);
    await setMeta(db, 'me', person('demo-s1'));
    await engine.sync('submit');
    expect(sent[1].items.map((x) => (x as CaseActionRecord).id)).toEqual([morning1.id, morning2.id]);
    expect(await localCaseActions(db)).toEqual([]);
  });
});
