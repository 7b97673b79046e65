import { describe, expect, it } from 'vitest';
import { badRating, demoRating } from '../../support/ratings';
import { batch, item, paperForm, useStore, type MakeStore } from './fixture';

/** Ratings: insert, replay, conflict, the case a rating is told to open, paging, paper checks, photos, export. */
export function ratingsContract(makeStore: MakeStore) {
  const ctx = useStore(makeStore);
  const T = 1_800_000_000_000;

  describe('insert, replay and conflict', () => {
    it('accepts a new rating, answers an identical replay as a duplicate and another content as a conflict', async () => {
      const r = badRating({ comment: '等了很久，电话13812345678' }, T);
      expect(await ctx.store.insertRatings(batch([item(r)]))).toEqual(['accepted']);
      expect(await ctx.store.insertRatings(batch([item(r)]))).toEqual(['duplicate']);
      const other = { ...r, level: 'VERY_DISSATISFIED' as const };
      expect(await ctx.store.insertRatings(batch([item(other)], T + 5))).toEqual(['conflict']);
      expect(await ctx.store.countRatings()).toBe(1);
      // The first stays; the conflict is kept apart, contact encrypted, with who sent it and when.
      expect((await ctx.store.getRating(r.id))?.level).toBe('DISSATISFIED');
      const conflicts = await ctx.store.listConflicts();
      expect(conflicts).toEqual([expect.objectContaining({ ratingId: r.id, receivedAt: T + 5, hasContact: true })]);
      expect(conflicts[0].payload.level).toBe('VERY_DISSATISFIED');
      expect(conflicts[0].payload).not.toHaveProperty('contact');
    });

    it('answers each item of a batch in order', async () => {
      const a = demoRating({}, T);
      await ctx.store.insertRatings(batch([item(a)]));
      const b = demoRating({}, T + 1);
      const outcomes = await ctx.store.insertRatings(batch([item(b), item(a), item({ ...a, level: 'VERY_SATISFIED' })]));
      expect(outcomes).toEqual(['accepted', 'duplicate', 'conflict']);
      expect(await ctx.store.countRatings()).toBe(2);
    });

    it('stores the contact and comment for reveal only: lists carry masked and scrubbed copies', async () => {
      const r = badRating({ comment: '请回电13812345678' }, T);
      await ctx.store.insertRatings(batch([item(r)]));
      const stored = (await ctx.store.getRating(r.id))!;
      expect(stored.contact?.phone).not.toBe('13812345678');
      expect(stored.contact?.phone).toMatch(/\*/);
      expect(stored.comment).not.toContain('13812345678');
      expect(await ctx.store.revealContact(r.id)).toEqual(r.contact);
      expect(await ctx.store.revealComment(r.id)).toBe('请回电13812345678');
      expect(await ctx.store.revealContact(demoRating().id)).toBeNull();
    });

    it('takes the first copy of an id sent twice in one batch: a second alike is a duplicate, another a conflict', async () => {
      const a = badRating({}, T);
      const other = { ...a, level: 'VERY_DISSATISFIED' as const };
      const outcomes = await ctx.store.insertRatings(batch([item(a, { anonymous: false }), item(a, { anonymous: false }), item(other, { anonymous: true })]));
      expect(outcomes).toEqual(['accepted', 'duplicate', 'conflict']);
      expect(await ctx.store.countRatings()).toBe(1);
      expect((await ctx.store.getRating(a.id))?.level).toBe('DISSATISFIED');
      expect((await ctx.store.getCase(a.id))?.facts.anonymous).toBe(false);
      expect((await ctx.store.listConflicts()).map((c) => c.payload.level)).toEqual(['VERY_DISSATISFIED']);
    });

    it('stores text one database cannot hold in plain columns (NUL, a lone surrogate) without failing the batch', async () => {
      const odd = '坏\u0000评\ud800';
      const r = badRating({ comment: odd, otherReason: odd, contact: { name: `张${odd}`, phone: '13812345678' } }, T);
      expect(await ctx.store.insertRatings(batch([item(r, { anonymous: false }), item(demoRating({}, T + 1))]))).toEqual(['accepted', 'accepted']);
      expect(await ctx.store.insertRatings(batch([item(r)]))).toEqual(['duplicate']);
      // The encrypted copy keeps the NUL (UTF-8 has no lone surrogate: that one is U+FFFD in every store); the plain
      // copies may carry a replacement character instead.
      expect(await ctx.store.revealComment(r.id)).toBe('坏\u0000评\ufffd');
      expect(await ctx.store.revealContact(r.id)).toEqual(r.contact);
      expect((await ctx.store.getRating(r.id))?.otherReason).toMatch(/^坏.评/u);
    });

    it('corrects the device time by the batch clock offset and keeps the arrival time', async () => {
      const r = demoRating({}, T);
      await ctx.store.insertRatings(batch([item(r)], T + 60_000, 3_000));
      expect(await ctx.store.getRating(r.id)).toMatchObject({ deviceTime: T, ratedAt: T + 3_000, clockOffsetMs: 3_000, receivedAt: T + 60_000 });
    });
  });

  describe('the case a rating opens', () => {
    it('opens exactly the case it is told to, with the batch time, and none on a replay', async () => {
      const named = badRating({}, T);
      const anonymous = badRating({ contact: undefined }, T + 1);
      const told = [item(named, { anonymous: false }), item(anonymous, { anonymous: true })];
      await ctx.store.insertRatings(batch(told, T + 100));
      expect((await ctx.store.getCase(named.id))?.facts).toEqual({
        id: named.id, staffId: 'demo-s1', windowId: 'demo-w1', unitId: 'demo-unit', anonymous: false, receivedAt: T + 100,
      });
      expect((await ctx.store.getCase(anonymous.id))?.facts.anonymous).toBe(true);
      expect(await ctx.store.insertRatings(batch(told, T + 200))).toEqual(['duplicate', 'duplicate']);
      expect((await ctx.store.getCase(named.id))?.facts.receivedAt).toBe(T + 100);
    });

    it('does not judge the level itself: a bad rating told to open nothing opens nothing', async () => {
      const r = badRating({}, T);
      await ctx.store.insertRatings(batch([item(r, null)]));
      expect(await ctx.store.getCase(r.id)).toBeNull();
      expect(await ctx.store.caseCounts({ kind: 'all' })).toEqual({ open: 0, latestReceivedAt: null });
    });
  });

  describe('paging', () => {
    it('pages the export in arrival order and a scope newest first', async () => {
      const rs = Array.from({ length: 5 }, (_, i) => demoRating(i === 4 ? { windowId: 'demo-w2', staffId: 'demo-s3' } : {}, T + i * 1000));
      for (const r of rs) await ctx.store.insertRatings(batch([item(r)]));
      const first = await ctx.store.listRatings(0, 2);
      expect(first.map((r) => r.id)).toEqual([rs[0].id, rs[1].id]);
      const rest = await ctx.store.listRatings(first[1].seq, 10);
      expect(rest.map((r) => r.id)).toEqual([rs[2].id, rs[3].id, rs[4].id]);
      expect(rest[0].seq).toBeGreaterThan(first[1].seq);

      const all = await ctx.store.listRatingsInScope({ kind: 'all' }, { limit: 3 });
      expect(all.map((r) => r.id)).toEqual([rs[4].id, rs[3].id, rs[2].id]);
      const older = await ctx.store.listRatingsInScope({ kind: 'all' }, { before: all[2].ratedAt, limit: 3 });
      expect(older.map((r) => r.id)).toEqual([rs[1].id, rs[0].id]);
      expect((await ctx.store.listRatingsInScope({ kind: 'window', windowId: 'demo-w2' }, { limit: 10 })).map((r) => r.id)).toEqual([rs[4].id]);
      expect((await ctx.store.listRatingsInScope({ kind: 'staff', staffId: 'demo-s1' }, { limit: 10 })).length).toBe(4);
    });

    it('reads the counted ratings of many 办件 at once, as one 办件 at a time would (the national export)', async () => {
      const a1 = demoRating({ caseNumber: 'NX-1' }, T);
      const a2 = demoRating({ caseNumber: 'NX-1', level: 'DISSATISFIED' }, T + 2000);
      const b1 = demoRating({ caseNumber: "NX-'2" }, T + 1000);
      const other = demoRating({ caseNumber: 'NX-3' }, T);
      const unchecked = paperForm(demoRating({}, T + 3000), 'NX-1');
      await ctx.store.insertRatings(batch([item(a2), item(b1), item(a1), item(other), item(unchecked)]));
      const keys = [{ unitId: 'demo-unit', caseNo: 'NX-1' }, { unitId: 'demo-unit', caseNo: "NX-'2" }, { unitId: 'other-unit', caseNo: 'NX-3' }];
      const rows = await ctx.store.listServiceCaseRatingsOf(keys);
      // Made-time order; the unchecked paper form does not count yet; NX-3 is another unit's key.
      expect(rows.map((r) => [r.caseNo, r.id])).toEqual([['NX-1', a1.id], ["NX-'2", b1.id], ['NX-1', a2.id]]);
      const one = await ctx.store.listServiceCaseRatings('demo-unit', 'NX-1');
      expect(rows.filter((r) => r.caseNo === 'NX-1').map(({ unitId, caseNo, ...rest }) => rest)).toEqual(one);
      expect(rows.every((r) => r.unitId === 'demo-unit')).toBe(true);
      expect(await ctx.store.listServiceCaseRatingsOf([])).toEqual([]);
    });

    it('reads several ratings by id, leaving out unknown ids', async () => {
      const a = demoRating({}, T);
      const b = demoRating({}, T + 1);
      await ctx.store.insertRatings(batch([item(a), item(b)]));
      const got = await ctx.store.getRatings([a.id, demoRating().id, b.id]);
      expect(got.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
      expect(await ctx.store.getRating(demoRating().id)).toBeNull();
    });
  });

  describe('paper forms', () => {
    it('counts a form once checked, opening the case it is told to at the check, and keeps the first check', async () => {
      const form = paperForm(badRating({}, T));
      await ctx.store.insertRatings(batch([item(form)], T + 10));
      // Stored (countRatings counts rows) but not counted: not exported, not listed, waiting for its check.
      expect(await ctx.store.countRatings()).toBe(1);
      expect(await ctx.store.listRatings(0, 10)).toEqual([]);
      expect(await ctx.store.listRatingsInScope({ kind: 'all' }, { limit: 10 })).toEqual([]);
      expect((await ctx.store.listUncheckedPaper({ windowId: 'demo-w1' }, 10)).map((r) => r.id)).toEqual([form.id]);
      expect((await ctx.store.listUncheckedPaper({ enteredBy: 'demo-s2' }, 10)).map((r) => r.id)).toEqual([form.id]);

      expect(await ctx.store.confirmPaperCheck(form.id, 'demo-s4', T + 500, { anonymous: false })).toEqual({ outcome: 'checked', checkedBy: 'demo-s4', checkedAt: T + 500 });
      expect((await ctx.store.getCase(form.id))?.facts).toMatchObject({ anonymous: false, receivedAt: T + 500, staffId: 'demo-s1' });
      expect((await ctx.store.listRatings(0, 10)).map((r) => [r.id, r.paper?.checkedBy])).toEqual([[form.id, 'demo-s4']]);
      expect(await ctx.store.listUncheckedPaper({ windowId: 'demo-w1' }, 10)).toEqual([]);

      expect(await ctx.store.confirmPaperCheck(form.id, 'demo-s1', T + 900, { anonymous: true })).toEqual({ outcome: 'already', checkedBy: 'demo-s4', checkedAt: T + 500 });
      expect((await ctx.store.getCase(form.id))?.facts).toMatchObject({ anonymous: false, receivedAt: T + 500 });
      expect(await ctx.store.confirmPaperCheck(demoRating().id, 'demo-s4', T, null)).toBeNull();
    });

    it('opens no case at the check when told none', async () => {
      const form = paperForm(demoRating({}, T));
      await ctx.store.insertRatings(batch([item(form)]));
      expect((await ctx.store.confirmPaperCheck(form.id, 'demo-s4', T + 1, null))?.outcome).toBe('checked');
      expect(await ctx.store.getCase(form.id)).toBeNull();
    });

    it('finds paper forms of a case number, level and evaluator', async () => {
      const form = paperForm(badRating({}, T), 'QH-9');
      await ctx.store.insertRatings(batch([item(form)]));
      expect((await ctx.store.findPaperRatings('QH-9', 'DISSATISFIED', form.contact)).map((r) => r.id)).toEqual([form.id]);
      expect(await ctx.store.findPaperRatings('QH-9', 'SATISFIED', form.contact)).toEqual([]);
      expect(await ctx.store.findPaperRatings('QH-9', 'DISSATISFIED', { name: '别人', phone: '13900000000' })).toEqual([]);
    });

    it('keeps a form photo: an identical upload is a duplicate, another a conflict', async () => {
      const form = paperForm(demoRating({}, T));
      await ctx.store.insertRatings(batch([item(form)]));
      const jpeg = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]);
      expect(await ctx.store.putRatingPhoto(form.id, 'image/jpeg', jpeg, T)).toBe('stored');
      expect(await ctx.store.putRatingPhoto(form.id, 'image/jpeg', Buffer.from(jpeg), T + 1)).toBe('duplicate');
      expect(await ctx.store.putRatingPhoto(form.id, 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 9]), T + 2)).toBe('conflict');
      const got = await ctx.store.getRatingPhoto(form.id);
      expect(got?.mime).toBe('image/jpeg');
      expect(Buffer.compare(got!.bytes, jpeg)).toBe(0);
      expect(await ctx.store.getRatingPhoto(demoRating().id)).toBeNull();
    });
  });
}
