import type { CaseActionRecord } from '../domain/case-api';
import { CaseActionRecordSchema } from '../domain/case-api';
import type { KioskDatabase } from './db';

/**
 * Records an action on a case like a rating: in IndexedDB with its outbox entry, in one strict transaction, so
 * it survives a reload or a lost network and reaches the server once.
 */
export async function queueCaseAction(db: KioskDatabase, record: CaseActionRecord, now = Date.now()): Promise<void> {
  const valid = CaseActionRecordSchema.parse(record);
  await db.transaction('rw', db.caseActions, db.outbox, async () => {
    await db.caseActions.add({ id: valid.id, record: valid, createdAt: now });
    await db.outbox.add({ id: valid.id, stream: 'case', state: 'pending', attempts: 0, enqueuedAt: now, updatedAt: now });
  });
}

export interface LocalCaseAction {
  record: CaseActionRecord;
  state: 'pending' | 'conflict' | 'dead';
  error?: { code: string; message: string };
}

/** Actions taken here that the server has not acknowledged yet: shown on their cases, conflicts included. */
export async function localCaseActions(db: KioskDatabase): Promise<LocalCaseAction[]> {
  const actions = await db.caseActions.toArray(); // primary-key order: ids are time-ordered
  const outbox = await db.outbox.bulkGet(actions.map((a) => a.id));
  return actions.flatMap((a, i) => {
    const item = outbox[i];
    return item ? [{ record: a.record, state: item.state, error: item.lastError }] : [];
  });
}

/** The person has read why an action was refused: it leaves the tablet (the server never took it). */
export async function discardCaseAction(db: KioskDatabase, id: string): Promise<void> {
  await db.transaction('rw', db.caseActions, db.outbox, async () => {
    const item = await db.outbox.get(id);
    if (item?.state === 'pending') return; // still on its way: not the person's to drop
    await db.outbox.delete(id);
    await db.caseActions.delete(id);
  });
}
