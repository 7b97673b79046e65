import { expect } from 'vitest';
import { API } from '../../src/domain/endpoints';
import type { RatingRecord } from '../../src/domain/rating';
import { api, DEMO_ACCOUNTS, signIn } from './api';
import { action, pushActions } from './cases';
import { badRating, DEMO_DEVICE, demoRating } from './ratings';

/** A China wall-clock noon on the 15th of `month` ("2025-05") → Unix ms. */
const mid = (month: string) => Date.parse(`${month}-15T12:00:00+08:00`);

/**
 * A year of ratings (2025) through the real routes: window 1 gets bad reviews every quarter from Q2 — two adopted of
 * 李明 (demo-s1, D1001), one adopted and one 不予采纳 (approved by the lead) of 卓玛 (demo-s4, D1004) — and one good
 * rating a quarter; window 2 two good ratings a quarter. The 不予采纳 one must count nowhere.
 */
export async function seedRankingYear(baseUrl: string) {
  const s1First = badRating({ staffId: 'demo-s1' }, mid('2025-05'));
  const s4Adopted = badRating({ staffId: 'demo-s4' }, mid('2025-08'));
  const s4NotAdopted = badRating({ staffId: 'demo-s4' }, mid('2025-10'));
  const s1Second = badRating({ staffId: 'demo-s1', level: 'VERY_DISSATISFIED' }, mid('2025-11'));
  const good: RatingRecord[] = [];
  for (const month of ['2025-05', '2025-08', '2025-11']) {
    good.push(demoRating({ staffId: 'demo-s1' }, mid(month) + 3_600_000));
    good.push(demoRating({ windowId: 'demo-w2', staffId: 'demo-s3' }, mid(month)), demoRating({ windowId: 'demo-w2', staffId: 'demo-s3', level: 'VERY_SATISFIED' }, mid(month) + 60_000));
  }
  const items = [s1First, s4Adopted, s4NotAdopted, s1Second, ...good];
  const pushed = await api(baseUrl, 'POST', API.pushRatings.path, { body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items } });
  expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
  expect(pushed.body.results.map((r: { status: string }) => r.status)).toEqual(items.map(() => 'accepted'));

  // 卓玛 calls back and decides 不予采纳 naming the lead; the lead approves from their own session.
  const zhuoma = await signIn(baseUrl, 'D1004');
  const lead = await signIn(baseUrl, DEMO_ACCOUNTS.LEAD);
  const steps = await pushActions(baseUrl, zhuoma, [
    action(s4NotAdopted.id, 'demo-s4', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' }, 0),
    action(s4NotAdopted.id, 'demo-s4', { type: 'DECIDE', path: 'NOT_ADOPTED', reason: 'MISTAKEN', evidence: '录像显示误点', approverId: 'demo-s2' }, 1),
  ]);
  expect(steps.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
  const approved = await pushActions(baseUrl, lead, [action(s4NotAdopted.id, 'demo-s2', { type: 'APPROVE' }, 2)]);
  expect(approved.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted']);
  // 李明's first one is decided and fixed: adopted, with a case a reader can open.
  const fixed = await pushActions(baseUrl, await signIn(baseUrl, DEMO_ACCOUNTS.STAFF), [
    action(s1First.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' }, 0),
    action(s1First.id, 'demo-s1', { type: 'DECIDE', path: 'FIX_NOW' }, 1),
  ]);
  expect(fixed.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
  return { s1First, s1Second, s4Adopted, s4NotAdopted, good };
}
