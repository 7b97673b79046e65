import { TabletServiceCaseSchema, type TabletServiceCase } from '../domain/tablet-service-case';
import type { KioskDatabase } from './db';

/**
 * Records a 办件 typed in on the tablet like a paper form: the record and its outbox entry ('serviceCase' stream)
 * in one strict transaction, so it survives a reload or a lost network and reaches the server once.
 */
export async function queueTabletServiceCase(db: KioskDatabase, record: TabletServiceCase, now = Date.now()): Promise<TabletServiceCase> {
  const valid = TabletServiceCaseSchema.parse(record);
  await db.transaction('rw', db.serviceCases, db.outbox, async () => {
    await db.serviceCases.add({ id: valid.id, record: valid, createdAt: now });
    await db.outbox.add({ id: valid.id, stream: 'serviceCase', state: 'pending', attempts: 0, enqueuedAt: now, updatedAt: now });
  });
  return valid;
}

export interface LocalServiceCase {
  record: TabletServiceCase;
  state: 'pending' | 'conflict' | 'dead';
  error?: { code: string; message: string };
}

/**
 * The 办件 this person typed in here that the server has not acknowledged yet (refused ones included, with the
 * server's reason): the list shows them as not yet sent. Another person's entries on a shared tablet stay hidden.
 */
export async function localServiceCases(db: KioskDatabase, userId: string): Promise<LocalServiceCase[]> {
  const rows = (await db.serviceCases.toArray()).filter((r) => r.record.enteredBy === userId);
  const outbox = await db.outbox.bulkGet(rows.map((r) => r.id));
  return rows.flatMap((r, i) => {
    const item = outbox[i];
    return item ? [{ record: r.record, state: item.state, error: item.lastError }] : [];
  });
}

/** The person has read why an entry was refused: it leaves the tablet (the server never took it). */
export async function discardTabletServiceCase(db: KioskDatabase, id: string): Promise<void> {
  await db.transaction('rw', db.serviceCases, db.outbox, async () => {
    const item = await db.outbox.get(id);
    if (item?.state === 'pending') return; // still on its way: not the person's to drop
    await db.outbox.delete(id);
    await db.serviceCases.delete(id);
  });
}
