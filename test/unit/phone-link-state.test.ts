import { describe, expect, it } from 'vitest';
import { assessNewRating, serviceCaseLinkState } from '../../sync-server/phone/link-state';
import type { ServiceCaseRatingRow } from '../../sync-server/store/rating-link-rows';

// What a 办件's link offers (OPEN / FOLLOW_UP / CLOSED) and where a new phone rating goes, from the ratings so far.

const DAY = 86_400_000;
const T = Date.UTC(2026, 10, 1);
const settings = { followUpWindowDays: 30 };
const row = (id: string, ratedAt: number, channel: ServiceCaseRatingRow['channel'] = 'QR'): ServiceCaseRatingRow => ({ id, channel, ratedAt, assessmentNo: null });

describe('serviceCaseLinkState', () => {
  it('is OPEN with no rating, FOLLOW_UP until exactly 30 days after assessment 1, CLOSED after', () => {
    expect(serviceCaseLinkState([], settings, T)).toEqual({ state: 'OPEN', followUpUntil: null });
    const one = [row('a', T)];
    expect(serviceCaseLinkState(one, settings, T + 30 * DAY)).toEqual({ state: 'FOLLOW_UP', followUpUntil: T + 30 * DAY });
    expect(serviceCaseLinkState(one, settings, T + 30 * DAY + 1)).toEqual({ state: 'CLOSED', followUpUntil: T + 30 * DAY });
    expect(serviceCaseLinkState([...one, row('b', T + DAY)], settings, T + 2 * DAY).state).toBe('CLOSED');
  });

  it('counts a standing default 满意 as assessment 1, and not one a citizen rating made before its due time superseded', () => {
    expect(serviceCaseLinkState([row('d', T, 'DEFAULT')], settings, T + DAY)).toEqual({ state: 'FOLLOW_UP', followUpUntil: T + 30 * DAY });
    // A kiosk rating made before the default was due arrives late: it is assessment 1, the default is set aside.
    const superseded = [row('d', T, 'DEFAULT'), row('k', T - DAY, 'HALL_TABLET')];
    expect(serviceCaseLinkState(superseded, settings, T + DAY)).toEqual({ state: 'FOLLOW_UP', followUpUntil: T + 29 * DAY });
  });
});

describe('assessNewRating', () => {
  it('numbers the first 1 and the 追评 2, refuses a third and a late one with their codes', () => {
    expect(assessNewRating([], { id: 'x', ratedAt: T }, settings)).toEqual({ assessmentNo: 1 });
    expect(assessNewRating([row('a', T)], { id: 'x', ratedAt: T + DAY }, settings)).toEqual({ assessmentNo: 2 });
    expect(assessNewRating([row('d', T, 'DEFAULT')], { id: 'x', ratedAt: T + DAY }, settings)).toEqual({ assessmentNo: 2 });
    expect(assessNewRating([row('a', T), row('b', T + DAY)], { id: 'x', ratedAt: T + 2 * DAY }, settings)).toEqual({ refused: 'THIRD_ASSESSMENT' });
    expect(assessNewRating([row('a', T)], { id: 'x', ratedAt: T + 31 * DAY }, settings)).toEqual({ refused: 'FOLLOW_UP_TOO_LATE' });
  });
});
