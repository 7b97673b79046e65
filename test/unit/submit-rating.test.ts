import { describe, expect, it } from 'vitest';
import { buildRatingRecord, submitRating } from '../../src/data/submit-rating';
import { uuidv7Time } from '../../src/domain/ids';
import { DEMO_DEVICE } from '../support/ratings';
import { badDraft, demoConfig, freshDb } from '../support/kiosk-fixtures';

const ctx = { config: demoConfig, deviceId: DEMO_DEVICE, locale: 'bo' as const, staffId: 'demo-s1' };

describe('buildRatingRecord', () => {
  it('makes a complete record from the tap and the kiosk context, with a time-ordered id', () => {
    const at = Date.now() + 86_400_000; // ids never go backwards, so the test uses a time ahead of any made before
    const r = buildRatingRecord({ level: 'BASICALLY_SATISFIED' }, ctx, at);
    expect(r).toMatchObject({ v: 1, level: 'BASICALLY_SATISFIED', reasons: [], channel: 'HALL_TABLET', unitId: 'demo-unit', windowId: 'demo-w1', staffId: 'demo-s1', deviceId: DEMO_DEVICE, deviceTime: at, locale: 'bo' });
    expect(uuidv7Time(r.id)).toBe(at);
    expect(r.contact).toBeUndefined();
  });
  it('drops an empty contact block instead of sending empty strings', () => {
    expect(buildRatingRecord({ ...badDraft, contact: { name: undefined, phone: undefined } }, ctx).contact).toBeUndefined();
  });
  it('refuses a bad rating without a reason before anything is written', () => {
    expect(() => buildRatingRecord({ level: 'VERY_DISSATISFIED' }, ctx)).toThrow();
  });
});

describe('submitRating', () => {
  it('writes the rating and its outbox entry together', async () => {
    const db = await freshDb();
    const record = buildRatingRecord(badDraft, ctx);
    await submitRating(db, record);
    expect(await db.ratings.get(record.id)).toMatchObject({ record: { contact: { phone: '13812345678' } } });
    expect(await db.outbox.get(record.id)).toMatchObject({ state: 'pending', attempts: 0 });
  });
  it('writes neither when the id already exists, so one tap can never become two rows', async () => {
    const db = await freshDb();
    const record = buildRatingRecord({ level: 'SATISFIED' }, ctx);
    await submitRating(db, record);
    await db.outbox.delete(record.id);
    await expect(submitRating(db, record)).rejects.toThrow();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.ratings.count()).toBe(1);
  });
});
