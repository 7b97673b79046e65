import { DEFAULT_REASONS } from '../../src/domain/reasons';
import type { KioskConfig } from '../../src/domain/sync-api';
import { uuidv7 } from '../../src/domain/ids';
import { KioskDatabase } from '../../src/data/db';
import { setMeta } from '../../src/data/meta';
import { buildRatingRecord, submitRating, type RatingDraft } from '../../src/data/submit-rating';
import { DEMO_DEVICE } from './ratings';

export const demoConfig: KioskConfig = {
  demo: true,
  unit: { id: 'demo-unit', name: { 'zh-CN': '演示单位', en: 'Demo unit', bo: 'དཔེ་སྟོན།' } },
  window: { id: 'demo-w1', number: '1', name: { 'zh-CN': '1号窗口', en: 'Window 1', bo: 'སྒེའུ་ཁུང་ ༡' } },
  staffOnDuty: { id: 'demo-s1', name: '李明（演示）', employeeNo: 'D1001', photoUrl: null },
  reasons: [...DEFAULT_REASONS],
  settings: { idleTimeoutMs: 60_000, thankYouMs: 4_000 },
  fetchedAt: Date.now(),
};

/** A fresh, uniquely named database (fake-indexeddb), with the test device id already set. */
export async function freshDb(): Promise<KioskDatabase> {
  const db = new KioskDatabase(`test-${uuidv7()}`);
  await setMeta(db, 'deviceId', DEMO_DEVICE);
  return db;
}

export async function queueRatings(db: KioskDatabase, drafts: RatingDraft[]) {
  const ids: string[] = [];
  for (const draft of drafts) {
    const record = buildRatingRecord(draft, { config: demoConfig, deviceId: DEMO_DEVICE, locale: 'zh-CN', staffId: 'demo-s1' });
    await submitRating(db, record);
    ids.push(record.id);
  }
  return ids;
}

export const badDraft: RatingDraft = { level: 'DISSATISFIED', reasons: ['ATTITUDE'], comment: '态度差', contact: { name: '张三', phone: '13812345678' } };
