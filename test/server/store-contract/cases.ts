import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src/domain/ids';
import type { CaseAction } from '../../../src/domain/case-machine';
import type { CaseEventAppend } from '../../../sync-server/store/store';
import { badRating } from '../../support/ratings';
import { batch, item, useStore, type MakeStore } from './fixture';

const T = 1_800_000_000_000;
const CALL: CaseAction = { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED', note: '已联系' };

const append = (caseId: string, expectedEvents: number, action: CaseAction = CALL, closedAt: number | null = null): CaseEventAppend => ({
  caseId,
  expectedEvents,
  event: { id: uuidv7(), action, by: 'demo-s2', at: T + expectedEvents },
  payloadHash: `p-${expectedEvents}`,
  closedAt,
});

/** Cases and their events (append with the version check), counts and scopes; the working-day calendar. */
export function casesContract(makeStore: MakeStore) {
  const ctx = useStore(makeStore);
  const openCase = async (overrides = {}, receivedAt = T) => {
    const r = badRating(overrides, receivedAt);
    await ctx.store.insertRatings(batch([item(r, { anonymous: false })], receivedAt));
    return r.id;
  };

  describe('events and the version check', () => {
    it('appends an event to a case that still has the events read, and keeps its order, hash and arrival', async () => {
      const id = await openCase();
      const first = append(id, 0);
      expect(await ctx.store.appendCaseEvents([first], T + 50)).toBe(true);
      const c = (await ctx.store.getCase(id))!;
      expect(c.events).toEqual([expect.objectContaining({ id: first.event.id, action: CALL, by: 'demo-s2', at: T, payloadHash: 'p-0', receivedAt: T + 50 })]);
      expect(await ctx.store.findCaseEvent(first.event.id)).toEqual(c.events[0]);
      expect(await ctx.store.findCaseEvent(uuidv7())).toBeNull();
    });

    it('refuses a stale append (the case moved on since it was read) and writes nothing', async () => {
      const id = await openCase();
      expect(await ctx.store.appendCaseEvents([append(id, 0)], T)).toBe(true);
      const stale = append(id, 0, { type: 'RECTIFY', what: '改进' });
      expect(await ctx.store.appendCaseEvents([stale], T + 1)).toBe(false);
      expect(await ctx.store.findCaseEvent(stale.event.id)).toBeNull();
      // Counting ahead is refused too: the count must match exactly.
      expect(await ctx.store.appendCaseEvents([append(id, 5)], T + 2)).toBe(false);
      expect((await ctx.store.getCase(id))!.events).toHaveLength(1);
    });

    it('counts earlier items of the same call, and writes none of a call with one stale item', async () => {
      const a = await openCase();
      const b = await openCase({}, T + 1);
      expect(await ctx.store.appendCaseEvents([append(a, 0), append(a, 1, { type: 'RECTIFY', what: '改进' })], T)).toBe(true);
      expect((await ctx.store.getCase(a))!.events.map((e) => e.action.type)).toEqual(['CALL_BACK', 'RECTIFY']);
      const fresh = append(b, 0);
      expect(await ctx.store.appendCaseEvents([fresh, append(a, 1)], T + 5)).toBe(false);
      expect(await ctx.store.findCaseEvent(fresh.event.id)).toBeNull();
      expect((await ctx.store.getCase(b))!.events).toEqual([]);
    });

    it('lets one of two appends read at the same count win', async () => {
      const id = await openCase();
      const results = await Promise.all([ctx.store.appendCaseEvents([append(id, 0)], T), ctx.store.appendCaseEvents([append(id, 0)], T)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await ctx.store.getCase(id))!.events).toHaveLength(1);
    });
  });

  describe('lists and counts', () => {
    it('lists open cases and those closed since a time, by scope, and counts the open ones', async () => {
      const a = await openCase({}, T);
      const b = await openCase({ windowId: 'demo-w2', staffId: 'demo-s3' }, T + 10);
      const c = await openCase({}, T + 20);
      expect(await ctx.store.appendCaseEvents([append(a, 0, { type: 'CLOSE' }, T + 100)], T + 100)).toBe(true);
      expect(await ctx.store.caseCounts({ kind: 'all' })).toEqual({ open: 2, latestReceivedAt: T + 20 });
      expect(await ctx.store.caseCounts({ kind: 'window', windowId: 'demo-w2' })).toEqual({ open: 1, latestReceivedAt: T + 10 });
      expect(await ctx.store.caseCounts({ kind: 'staff', staffId: 'demo-s1' })).toEqual({ open: 1, latestReceivedAt: T + 20 });
      const ids = async (closedSince?: number) => (await ctx.store.listCases({ kind: 'all' }, { closedSince })).map((x) => x.facts.id);
      expect(await ids()).toEqual([a, b, c]);
      expect(await ids(T + 100)).toEqual([a, b, c]);
      expect(await ids(T + 101)).toEqual([b, c]);
      const mine = await ctx.store.listCases({ kind: 'staff', staffId: 'demo-s1' });
      expect(mine.map((x) => x.facts.id)).toEqual([a, c]);
      expect(mine[0].events.map((e) => e.action.type)).toEqual(['CLOSE']);
      expect(await ctx.store.getCase(badRating().id)).toBeNull();
    });

    it('opens a closed case again when an event sets no closing time', async () => {
      const a = await openCase();
      await ctx.store.appendCaseEvents([append(a, 0, { type: 'CLOSE' }, T + 1)], T + 1);
      expect((await ctx.store.caseCounts({ kind: 'all' })).open).toBe(0);
      await ctx.store.appendCaseEvents([append(a, 1, { type: 'REOPEN', reason: '复查' }, null)], T + 2);
      expect((await ctx.store.caseCounts({ kind: 'all' })).open).toBe(1);
    });
  });

  describe('calendar', () => {
    it('stores a year, replaces it on a second put, and lists years in order', async () => {
      const y = (year: number, source: string) => ({ year, holidays: [`${year}-01-01`], workdays: [] as string[], source });
      await ctx.store.putCalendarYear(y(2027, 'a'), 'demo-admin', T);
      await ctx.store.putCalendarYear(y(2026, 'b'), null, T);
      await ctx.store.putCalendarYear({ ...y(2027, 'c'), workdays: ['2027-02-06'] }, 'demo-admin', T + 1);
      expect(await ctx.store.listCalendarYears()).toEqual([y(2026, 'b'), { ...y(2027, 'c'), workdays: ['2027-02-06'] }]);
    });
  });
}
