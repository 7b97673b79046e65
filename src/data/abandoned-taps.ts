import { AbandonedTapSchema, cstMonth, type AbandonedTap } from '../domain/abandoned-taps';
import { uuidv7 } from '../domain/ids';
import type { KioskDatabase } from './db';

/**
 * Queues the count of one bad tap left at the reason screen: a contentless record (id, window, month) with its
 * outbox entry in the 'abandon' stream, in one transaction, so it reaches the server exactly once.
 */
export async function queueAbandonedTap(db: KioskDatabase, windowId: string, now = Date.now()): Promise<AbandonedTap> {
  const record = AbandonedTapSchema.parse({ id: uuidv7(now), windowId, month: cstMonth(now) });
  await db.transaction('rw', db.abandonedTaps, db.outbox, async () => {
    await db.abandonedTaps.add({ id: record.id, record, createdAt: now });
    await db.outbox.add({ id: record.id, stream: 'abandon', state: 'pending', attempts: 0, enqueuedAt: now, updatedAt: now });
  });
  return record;
}
