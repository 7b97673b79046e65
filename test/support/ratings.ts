import { uuidv7 } from '../../src/domain/ids';
import type { RatingRecord } from '../../src/domain/rating';

export const DEMO_DEVICE = 'dev-test-0001';

/** A valid rating at the demo hall's first window; override what a test is about. */
export function demoRating(overrides: Partial<RatingRecord> = {}, at: number = Date.now()): RatingRecord {
  return {
    id: uuidv7(at),
    v: 1,
    level: 'SATISFIED',
    reasons: [],
    channel: 'HALL_TABLET',
    unitId: 'demo-unit',
    windowId: 'demo-w1',
    staffId: 'demo-s1',
    deviceId: DEMO_DEVICE,
    deviceTime: at,
    locale: 'zh-CN',
    ...overrides,
  };
}

export function badRating(overrides: Partial<RatingRecord> = {}, at?: number): RatingRecord {
  return demoRating({ level: 'DISSATISFIED', reasons: ['ATTITUDE'], comment: '等了很久', contact: { name: '张三', phone: '13812345678' }, ...overrides }, at);
}
