import { describe, expect, it } from 'vitest';
import type { PushRequest, PushResponse } from '../../src/domain/sync-api';
import { SyncEngine } from '../../src/data/sync-engine';
import type { TransportResult } from '../../src/data/sync-transport';
import { discardTabletServiceCase, localServiceCases, queueTabletServiceCase } from '../../src/data/tablet-service-cases';
import {
  chinaWallClockToMs,
  EMPTY_SERVICE_CASE_FORM,
  msToChinaWallClock,
  tabletServiceCaseFromForm,
  TABLET_TIME_SKEW_MS,
  validateServiceCaseForm,
  type ServiceCaseFormValues,
} from '../../src/domain/tablet-service-case';
import { freshDb } from '../support/kiosk-fixtures';

// 2026-11-30 10:00 in China.
const NOW = Date.parse('2026-11-30T10:00:00+08:00');
const ITEMS = ['demo-item-1', 'demo-item-2'];
const filled = (over: Partial<ServiceCaseFormValues> = {}): ServiceCaseFormValues => ({
  caseNo: ' QH-2026-0001 ',
  serviceItemId: 'demo-item-1',
  applicantType: 'PERSON',
  status: 'ACCEPTED',
  acceptedAt: '2026-11-30T09:15',
  finishedAt: '',
  ...over,
});
const check = (v: ServiceCaseFormValues) => validateServiceCaseForm(v, { now: NOW, serviceItemIds: ITEMS });

describe('the 办件 form on the tablet', () => {
  it('accepts a complete entry, and a finished one with its finishing time', () => {
    expect(check(filled())).toEqual({});
    expect(check(filled({ status: 'FINISHED', finishedAt: '2026-11-30T09:40' }))).toEqual({});
    expect(check(filled({ status: 'NOT_ACCEPTED', finishedAt: '' }))).toEqual({});
  });

  it('says which fields are missing, each next to its field', () => {
    expect(check(EMPTY_SERVICE_CASE_FORM)).toEqual({ caseNo: 'required', serviceItemId: 'required', applicantType: 'required', status: 'required', acceptedAt: 'required' });
    expect(check(filled({ caseNo: '   ' }))).toEqual({ caseNo: 'required' });
  });

  it('refuses a 办件编号 too long and a service item the unit does not have', () => {
    expect(check(filled({ caseNo: 'X'.repeat(65) }))).toEqual({ caseNo: 'tooLong' });
    expect(check(filled({ caseNo: 'X'.repeat(64) }))).toEqual({});
    expect(check(filled({ serviceItemId: 'other-unit-item' }))).toEqual({ serviceItemId: 'unknownItem' });
  });

  it('reads times as China wall clock and refuses impossible, future and out-of-order ones', () => {
    expect(chinaWallClockToMs('2026-11-30T09:15')).toBe(Date.parse('2026-11-30T09:15:00+08:00'));
    expect(chinaWallClockToMs('2026-02-31T09:15')).toBeNull();
    expect(chinaWallClockToMs('2026-11-30 9:15')).toBeNull();
    expect(msToChinaWallClock(Date.parse('2026-11-30T01:05:00Z'))).toBe('2026-11-30T09:05');
    expect(check(filled({ acceptedAt: '2026-02-31T09:15' }))).toEqual({ acceptedAt: 'timeInvalid' });
    expect(check(filled({ acceptedAt: '2026-11-30T11:00' }))).toEqual({ acceptedAt: 'inFuture' });
    // A clock a few minutes apart is not a mistake.
    expect(check(filled({ acceptedAt: msToChinaWallClock(NOW + TABLET_TIME_SKEW_MS - 60_000) }))).toEqual({});
    expect(check(filled({ status: 'FINISHED', finishedAt: '2026-11-30T09:00' }))).toEqual({ finishedAt: 'beforeAccepted' });
    expect(check(filled({ status: 'FINISHED', finishedAt: '2026-12-01T09:00' }))).toEqual({ finishedAt: 'inFuture' });
    expect(check(filled({ status: 'FINISHED', finishedAt: 'nonsense' }))).toEqual({ finishedAt: 'timeInvalid' });
  });

  it('asks for the finishing time of a finished 办件, and refuses one for a 办件 still being handled', () => {
    expect(check(filled({ status: 'FINISHED' }))).toEqual({ finishedAt: 'finishRequired' });
    expect(check(filled({ status: 'ACCEPTED', finishedAt: '2026-11-30T09:40' }))).toEqual({ finishedAt: 'notYetFinished' });
    expect(check(filled({ status: 'IN_PROGRESS', finishedAt: '2026-11-30T09:40' }))).toEqual({ finishedAt: 'notYetFinished' });
  });

  it('makes the outbox record with the typist as author, their unit and window, times in Unix ms', () => {
    const record = tabletServiceCaseFromForm(filled({ status: 'FINISHED', finishedAt: '2026-11-30T09:40' }), { unitId: 'demo-unit', windowId: 'demo-w1', enteredBy: 'demo-s1' }, NOW);
    expect(record).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7/),
      caseNo: 'QH-2026-0001',
      serviceItemId: 'demo-item-1',
      unitId: 'demo-unit',
      windowId: 'demo-w1',
      enteredBy: 'demo-s1',
      applicantType: 'PERSON',
      status: 'FINISHED',
      acceptedAt: Date.parse('2026-11-30T09:15:00+08:00'),
      finishedAt: Date.parse('2026-11-30T09:40:00+08:00'),
      enteredAt: NOW,
    });
  });
});

describe('a 办件 waiting on the tablet', () => {
  const ctx = { unitId: 'demo-unit', windowId: 'demo-w1', enteredBy: 'demo-s1' };

  it('is written with its outbox entry, shown to its typist only, and leaves when acknowledged; a refusal stays with its reason', async () => {
    const db = await freshDb();
    const a = await queueTabletServiceCase(db, tabletServiceCaseFromForm(filled({ caseNo: 'A-1' }), ctx));
    const b = await queueTabletServiceCase(db, tabletServiceCaseFromForm(filled({ caseNo: 'B-1' }), ctx));
    await queueTabletServiceCase(db, tabletServiceCaseFromForm(filled({ caseNo: 'OTHER-1' }), { ...ctx, enteredBy: 'demo-s4' }));
    expect(await db.outbox.get(a.id)).toMatchObject({ stream: 'serviceCase', state: 'pending' });
    expect((await localServiceCases(db, 'demo-s1')).map((l) => [l.record.caseNo, l.state])).toEqual([
      ['A-1', 'pending'],
      ['B-1', 'pending'],
    ]);

    const sent: PushRequest[] = [];
    const engine = new SyncEngine({
      db,
      stream: 'serviceCase',
      author: async () => 'demo-s1',
      random: () => 0.5,
      health: async () => ({ kind: 'ok', body: { status: 'ok', serverTime: Date.now(), version: 't' }, bytesSent: 0 }),
      push: async (req): Promise<TransportResult<PushResponse>> => {
        sent.push(structuredClone(req));
        return {
          kind: 'ok',
          bytesSent: 0,
          body: {
            serverTime: Date.now(),
            results: req.items.map((item, index) => {
              const id = (item as { id: string }).id;
              return id === b.id ? { index, id, status: 'invalid' as const, error: { code: 'SERVICE_CASE_OF_ANOTHER', message: 'held by another window' } } : { index, id, status: 'accepted' as const };
            }),
          },
        };
      },
    });
    await engine.sync('startup');
    // Only the signed-in person's entries went, and the one acknowledged left the tablet.
    expect(sent.flatMap((r) => r.items.map((i) => (i as { caseNo: string }).caseNo))).toEqual(['A-1', 'B-1']);
    expect(await db.serviceCases.get(a.id)).toBeUndefined();
    expect(await db.outbox.get(a.id)).toBeUndefined();
    const left = await localServiceCases(db, 'demo-s1');
    expect(left).toEqual([{ record: b, state: 'dead', error: { code: 'SERVICE_CASE_OF_ANOTHER', message: 'held by another window' } }]);
    // The typist reads the reason and removes it; the other person's entry still waits for them.
    await discardTabletServiceCase(db, b.id);
    expect(await localServiceCases(db, 'demo-s1')).toEqual([]);
    expect((await localServiceCases(db, 'demo-s4')).map((l) => l.state)).toEqual(['pending']);
  });

  it('is never removed while still on its way', async () => {
    const db = await freshDb();
    const a = await queueTabletServiceCase(db, tabletServiceCaseFromForm(filled(), ctx));
    await discardTabletServiceCase(db, a.id);
    expect(await db.outbox.get(a.id)).toMatchObject({ state: 'pending' });
  });
});
