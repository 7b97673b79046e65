import { useLiveQuery } from 'dexie-react-hooks';
import type { KioskDatabase, LocalRating, OutboxItem } from './db';
import { getMeta, type SyncStatus } from './meta';

export interface OutboxStatus {
  pending: number;
  conflicts: number;
  dead: number;
  sync?: SyncStatus;
  clockOffsetMs?: number;
}

export async function readOutboxStatus(db: KioskDatabase): Promise<OutboxStatus> {
  const [pending, conflicts, dead, sync, clockOffsetMs] = await Promise.all([
    db.outbox.where('state').equals('pending').count(),
    db.outbox.where('state').equals('conflict').count(),
    db.outbox.where('state').equals('dead').count(),
    getMeta(db, 'syncStatus'),
    getMeta(db, 'clockOffsetMs'),
  ]);
  return { pending, conflicts, dead, sync, clockOffsetMs };
}

/** Live counts for the status strip: they change as ratings are written and acknowledged. */
export function useOutboxStatus(db: KioskDatabase): OutboxStatus | undefined {
  return useLiveQuery(() => readOutboxStatus(db), [db]);
}

export interface HeldItem {
  item: OutboxItem;
  rating?: LocalRating;
}

/** Conflicts and refused records, with their ratings, for the device status screen. */
export async function readHeldItems(db: KioskDatabase, state: 'conflict' | 'dead'): Promise<HeldItem[]> {
  const items = await db.outbox.where('state').equals(state).toArray();
  const ratings = await db.ratings.bulkGet(items.map((i) => i.id));
  return items.map((item, i) => ({ item, rating: ratings[i] }));
}

/**
 * Every rating not yet on the server, as one JSON document: the last resort when a device can no longer sync.
 * It includes contact data, so the screen that offers it says how to handle the file.
 */
export async function exportUnsent(db: KioskDatabase): Promise<string> {
  const items = await db.outbox.toArray();
  const ids = items.map((i) => i.id);
  // Ratings and paper forms wait in `ratings`, steps on bad-review cases in `caseActions`: the file holds both.
  const [ratings, caseActions] = await Promise.all([db.ratings.bulkGet(ids), db.caseActions.bulkGet(ids)]);
  const deviceId = await getMeta(db, 'deviceId');
  const recordOf = (i: number) => (items[i].stream === 'case' ? caseActions[i]?.record : ratings[i]?.record) ?? null;
  return JSON.stringify(
    { format: 'haochaping-unsent-ratings', version: 1, deviceId, exportedAt: new Date().toISOString(), items: items.map((item, i) => ({ outbox: item, record: recordOf(i) })) },
    null,
    2,
  );
}

