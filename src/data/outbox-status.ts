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
