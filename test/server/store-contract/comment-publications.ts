import { expect, it } from 'vitest';
import { badRating, demoRating } from '../../support/ratings';
import { batch, item, useStore, type MakeStore } from './fixture';

/**
 * Comments for /public (issue 16): which ratings wait (bad, with a comment, consent, disclosure on, undecided, in
 * scope), the decrypted comment and contact for the server's scrub, and the conditional decision write.
 */
export function commentPublicationsContract(makeStore: MakeStore) {
  const ctx = useStore(makeStore);
  const T = 1_800_000_000_000;
  const ids = (list: { rating: { id: string } }[]) => list.map((c) => c.rating.id);

  it('lists waiting consenting bad comments by scope, newest first, decrypted for the scrub; nothing else', async () => {
    const older = badRating({ comment: '意见一', publishComment: true, contact: { name: '张三', company: '某公司' } }, T);
    const newer = badRating({ comment: '意见二', publishComment: true, windowId: 'demo-w2', staffId: 'demo-s3' }, T + 1);
    const privateOne = badRating({ comment: '不公开' }, T + 2);
    const good = demoRating({ comment: '很好', publishComment: true }, T + 3);
    const noComment = badRating({ comment: undefined }, T + 4);
    await ctx.store.insertRatings(batch([older, newer, privateOne, good, noComment].map((r) => item(r))));
    const all = await ctx.store.listCommentsForPublication({ kind: 'all' }, 'waiting', 10);
    expect(ids(all)).toEqual([newer.id, older.id]);
    expect(all[1]).toMatchObject({ comment: '意见一', contact: { name: '张三', company: '某公司' }, consent: true, disclosure: true, decision: null });
    expect(all[1].rating.publishComment).toBe(true);
    expect(ids(await ctx.store.listCommentsForPublication({ kind: 'window', windowId: 'demo-w1' }, 'waiting', 10))).toEqual([older.id]);
    expect(ids(await ctx.store.listCommentsForPublication({ kind: 'all' }, 'waiting', 1))).toEqual([newer.id]);
    // One by id: any rating with a comment, its consent as stored; none without a comment.
    expect(await ctx.store.getCommentForPublication(privateOne.id)).toMatchObject({ comment: '不公开', consent: false });
    expect((await ctx.store.getCommentForPublication(privateOne.id))?.rating.publishComment).toBeUndefined();
    expect(await ctx.store.getCommentForPublication(noComment.id)).toBeNull();
    // A unit that discloses nothing has nothing waiting.
    await ctx.store.updateUnit('demo-unit', { disclosure: false });
    expect(await ctx.store.listCommentsForPublication({ kind: 'all' }, 'waiting', 10)).toEqual([]);
    expect((await ctx.store.getCommentForPublication(older.id))?.disclosure).toBe(false);
  });

  it('writes a first decision once, changes one only over the decision read, and lists the decided', async () => {
    const r = badRating({ comment: '意见', publishComment: true }, T);
    await ctx.store.insertRatings(batch([item(r)]));
    const approve = { ratingId: r.id, verdict: 'APPROVED' as const, scrubbedText: '意见', by: 'demo-s2', at: T + 10 };
    expect(await ctx.store.putCommentPublication(approve, null)).toBe(true);
    expect(await ctx.store.putCommentPublication({ ...approve, by: 'demo-office' }, null)).toBe(false);
    const withdraw = { ratingId: r.id, verdict: 'DECLINED' as const, scrubbedText: null, by: 'demo-office', at: T + 20 };
    expect(await ctx.store.putCommentPublication(withdraw, 'DECLINED')).toBe(false);
    expect((await ctx.store.getCommentForPublication(r.id))?.decision).toEqual(approve);
    expect(await ctx.store.listCommentsForPublication({ kind: 'all' }, 'waiting', 10)).toEqual([]);
    expect(await ctx.store.putCommentPublication(withdraw, 'APPROVED')).toBe(true);
    const decided = await ctx.store.listCommentsForPublication({ kind: 'all' }, 'decided', 10);
    expect(decided.map((c) => c.decision)).toEqual([withdraw]);
  });
}
