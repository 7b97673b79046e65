import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { cstDate } from '../../src/domain/time';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { action, pushActions } from '../support/cases';
import { badRating, DEMO_DEVICE } from '../support/ratings';
import { postJson, startInProcessServer, type InProcessServer } from '../support/server';

let srv: InProcessServer;
// A special deadline within the cap (60 days), whatever day the test runs.
const deadline = cstDate(Date.now() + 30 * 86_400_000);
const bad = badRating({ staffId: 'demo-s1', comment: '请打 １３９ １２３４ ５６７８' });

beforeAll(async () => {
  srv = await startInProcessServer();
  await postJson(srv.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [bad] });
});
afterAll(async () => {
  await srv.close();
});

describe('case lists', () => {
  it('show the texts of case steps with phone and ID numbers masked, like comments', async () => {
    const staff = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF);
    const steps = [
      action(bad.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED', note: '对方说改打 139.1234.5678' }, 0),
      action(bad.id, 'demo-s1', { type: 'DECIDE', path: 'SPECIAL', explanation: '需核对身份证 630102 19900315 123X', deadline }, 1),
    ];
    const accepted = async (cookie: string, items: unknown[]) =>
      expect((await pushActions(srv.baseUrl, cookie, items)).body.results.map((r: { status: string }) => r.status)).toEqual(items.map(() => 'accepted'));
    await accepted(staff, steps);
    // A special deadline waits for the window lead's approval before the work goes on.
    await accepted(await signIn(srv.baseUrl, DEMO_ACCOUNTS.LEAD), [action(bad.id, 'demo-s2', { type: 'APPROVE' }, 2)]);
    await accepted(staff, [
      action(bad.id, 'demo-s1', { type: 'RECTIFY', what: '已告知座机 (0971)6123456' }, 3),
      action(bad.id, 'demo-s1', { type: 'REPLY', channel: 'PHONE', text: '已回电 138 12 34 56 78' }, 4),
    ]);
    for (const who of [DEMO_ACCOUNTS.STAFF, DEMO_ACCOUNTS.SUPERVISION]) {
      const res = await api(srv.baseUrl, 'GET', '/api/v1/cases', { cookie: await signIn(srv.baseUrl, who) });
      const kase = res.body.cases.find((c: { facts: { id: string } }) => c.facts.id === bad.id);
      expect(kase.events.map((e: { action: object }) => e.action)).toEqual([
        { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED', note: '对方说改打 139****5678' },
        { type: 'DECIDE', path: 'SPECIAL', explanation: '需核对身份证 630***********123X', deadline },
        { type: 'APPROVE' },
        { type: 'RECTIFY', what: '已告知座机 0971-***3456' },
        { type: 'REPLY', channel: 'PHONE', text: '已回电 138****5678' },
      ]);
      expect(kase.rating.comment).toBe('请打 139****5678');
      for (const secret of ['1234.5678', '6123456', '19900315', '12 34 56 78', '５６７８']) expect(JSON.stringify(res.body)).not.toContain(secret);
    }
  });
});
