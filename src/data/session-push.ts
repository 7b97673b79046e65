import type { KioskDatabase } from './db';
import { allStreams, countWaiting } from './stream-tables';
import type { OutboxStream } from './streams';

/**
 * Waiting items of a session stream written by this person. Only their session may send them (the server refuses
 * anyone else's); the engine reads no one else's (SyncEngine.nextBatch).
 */
export function countOwnWaiting(db: KioskDatabase, name: OutboxStream, userId: string): Promise<number> {
  return countWaiting(db, name, userId);
}

/**
 * What this person leaves unsent if their session ends now: their own items of every session stream, and the
 * companion work (paper photos) not already counted with its record. The sign-out check asks this.
 */
export async function countOwnWaitingEverywhere(db: KioskDatabase, userId: string): Promise<number> {
  let waiting = 0;
  for (const s of allStreams()) {
    if (s.auth !== 'session') continue;
    waiting += await countWaiting(db, s.name, userId);
    if (s.companion) waiting += await s.companion.ownWaitingBeyondRecords(db, userId);
  }
  return waiting;
}
