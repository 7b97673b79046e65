import type { KioskDatabase } from './db';
import { allStreams, countWaiting } from './stream-tables';

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
