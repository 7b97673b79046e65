import { useLiveQuery } from 'dexie-react-hooks';
import type { KioskDatabase, LocalRating, OutboxItem, OutboxStream } from './db';
import { readDeviceRefusal, syncStatusWithRefusal } from './device-refusal';
import { getMeta, type SyncStatus } from './meta';
import { allStreams, entriesOf, stream } from './stream-tables';

export interface OutboxStatus {
  pending: number;
  conflicts: number;
  dead: number;
  sync?: SyncStatus;
  clockOffsetMs?: number;
}

export async function readOutboxStatus(db: KioskDatabase): Promise<OutboxStatus> {
  const [pending, conflicts, dead, kioskSync, refusal, clockOffsetMs] = await Promise.all([
    db.outbox.where('state').equals('pending').count(),
    db.outbox.where('state').equals('conflict').count(),
    db.outbox.where('state').equals('dead').count(),
    // The status strip's line is the kiosk stream's: the one that runs on every trigger (src/data/streams.ts).
    getMeta(db, stream('kiosk').statusKey),
    // A check-in refusal is kept under its own key; the strip says it like a refused push.
    readDeviceRefusal(db),
    getMeta(db, 'clockOffsetMs'),
  ]);
  return { pending, conflicts, dead, sync: syncStatusWithRefusal(kioskSync, refusal), clockOffsetMs };
}

/** Live counts for the status strip: they change as ratings are written and acknowledged. */
export function useOutboxStatus(db: KioskDatabase): OutboxStatus | undefined {
  return useLiveQuery(() => readOutboxStatus(db), [db]);
}

/** One stream's queue and its own sync status, as /device lists them. */
export interface StreamStatus {
  name: OutboxStream;
  labelKey: string;
  pending: number;
  conflicts: number;
  dead: number;
  sync?: SyncStatus;
}

/** Every stream of the registry (src/data/streams.ts), in its order: each has its own queue, status and failures. */
export async function readStreamStatuses(db: KioskDatabase): Promise<StreamStatus[]> {
  return Promise.all(
    allStreams().map(async (s) => {
      const [pending, conflicts, dead, sync] = await Promise.all([
        entriesOf(db, s.name, 'pending').count(),
        entriesOf(db, s.name, 'conflict').count(),
        entriesOf(db, s.name, 'dead').count(),
        getMeta(db, s.statusKey),
      ]);
      return { name: s.name, labelKey: s.labelKey, pending, conflicts, dead, sync };
    }),
  );
}

export function useStreamStatuses(db: KioskDatabase): StreamStatus[] | undefined {
  return useLiveQuery(() => readStreamStatuses(db), [db]);
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
