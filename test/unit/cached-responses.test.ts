import { beforeEach, describe, expect, it } from 'vitest';
import { readCachedResponse } from '../../src/data/cached-responses';
import type { KioskDatabase } from '../../src/data/db';
import { setMeta } from '../../src/data/meta';
import type { CaseListResponse } from '../../src/domain/case-api';
import { DEFAULT_CASE_RULES } from '../../src/domain/case-intake';
import { uuidv7 } from '../../src/domain/ids';
import type { RatingListItem, RatingListResponse } from '../../src/domain/ratings-api';
import { DEFAULT_REASONS } from '../../src/domain/reasons';
import { freshDb } from '../support/kiosk-fixtures';

const at = Date.now() - 3_600_000;
const rating: RatingListItem = {
  id: uuidv7(at),
  level: 'DISSATISFIED',
  reasons: ['ATTITUDE'],
  channel: 'HALL_TABLET',
  unitId: 'demo-unit',
  windowId: 'demo-w1',
  staffId: 'demo-s1',
  ratedAt: at,
  receivedAt: at,
  contact: { name: '张*', phone: '138****5678' },
  canReveal: true,
};
const refs = { reasons: [...DEFAULT_REASONS], windows: [{ id: 'demo-w1', number: '1', name: { 'zh-CN': '1号窗口', en: 'Window 1', bo: '1' } }], staff: [{ id: 'demo-s1', name: '李明', employeeNo: 'D1001' }] };
const cases: CaseListResponse = {
  cases: [{ facts: { id: rating.id, staffId: 'demo-s1', windowId: 'demo-w1', unitId: 'demo-unit', anonymous: false, receivedAt: at }, events: [], rating }],
  refs,
  calendar: [],
  approvers: [],
  rules: DEFAULT_CASE_RULES,
  serverTime: Date.now(),
};
const ratings: RatingListResponse = { items: [rating], refs, nextBefore: null };

let db: KioskDatabase;
beforeEach(async () => {
  db = await freshDb();
});

describe('cached server answers read back after an app update', () => {
  it('are returned while they have the shape this version reads', async () => {
    await setMeta(db, 'casesCache', { userId: 'demo-s1', fetchedAt: at, response: cases });
    await setMeta(db, 'staffRatings', { userId: 'demo-s1', fetchedAt: at, response: ratings });
    expect((await readCachedResponse(db, 'casesCache'))?.response).toEqual(cases);
    expect((await readCachedResponse(db, 'staffRatings'))?.response).toEqual(ratings);
  });

  it('count as no copy when saved in a shape this version no longer reads, instead of crashing a screen', async () => {
    // A case list saved before the list carried its approvers and the server's rules for steps.
    const { approvers: _a, rules: _r, ...olderCases } = cases;
    await setMeta(db, 'casesCache', { userId: 'demo-s1', fetchedAt: at, response: olderCases as CaseListResponse });
    // A ratings list whose items lack whether the contact may be revealed.
    const { canReveal: _c, ...olderItem } = rating;
    await setMeta(db, 'staffRatings', { userId: 'demo-s1', fetchedAt: at, response: { ...ratings, items: [olderItem as RatingListItem] } });
    expect(await readCachedResponse(db, 'casesCache')).toBeUndefined();
    expect(await readCachedResponse(db, 'staffRatings')).toBeUndefined();
    // Not even a response at all: an older wrapper.
    await db.meta.put({ key: 'staffRatings', value: { items: [] } });
    expect(await readCachedResponse(db, 'staffRatings')).toBeUndefined();
  });
});
