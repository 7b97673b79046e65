import { callApi, isLikeNoNetwork } from '../api/client';
import { API } from '../domain/endpoints';
import type { KioskDatabase, StoredPhoto } from './db';
import { getMeta } from './meta';

export interface PhotoUploadSummary {
  uploaded: number;
  waiting: number;
  stoppedBy?: 'network' | 'auth';
}

/**
 * A photo this person's session may send: a submitted form's (a draft's waits for its form), typed in by them. On a
 * tablet shared across shifts another person's photo waits for them; the server would refuse it (404) after the
 * whole body. A photo stored before `enteredBy` was kept has no known author and is tried as before.
 */
export function isOwnSubmittedPhoto(photo: Pick<StoredPhoto, 'id' | 'enteredBy'>, userId: string): boolean {
  return !photo.id.startsWith('draft:') && (photo.enteredBy === undefined || photo.enteredBy === userId);
}

/** Waiting photos the signed-in person can send: what makes a sync run worth starting for them. */
export async function countOwnWaitingPhotos(db: KioskDatabase, userId: string): Promise<number> {
  return db.photos
    .where('state')
    .equals('waiting')
    .filter((p) => isOwnSubmittedPhoto(p, userId))
    .count();
}

/**
 * This person's photos whose form has already reached the server: only their session can send them, so signing
 * out leaves them waiting. (A photo whose form is still queued is counted with the form.)
 */
export async function countOwnPhotosAfterTheirForm(db: KioskDatabase, userId: string): Promise<number> {
  const own = await db.photos.where('state').equals('waiting').filter((p) => isOwnSubmittedPhoto(p, userId)).primaryKeys();
  const queued = await db.outbox.bulkGet(own);
  return queued.filter((entry) => entry === undefined).length;
}

/**
 * Sends the signed-in person's photos of paper forms whose record the server has acknowledged (the photo may only
 * follow its record). A photo leaves the device only once the server says it has it; a refused one is kept aside
 * with the reason; nothing is dropped silently.
 */
export async function uploadPhotos(db: KioskDatabase, fetchImpl: typeof fetch = fetch): Promise<PhotoUploadSummary> {
  const summary: PhotoUploadSummary = { uploaded: 0, waiting: 0 };
  const me = await getMeta(db, 'me');
  if (!me) return { ...summary, stoppedBy: 'auth' };
  const photos = await db.photos.where('state').equals('waiting').toArray();
  for (const photo of photos) {
    if (!isOwnSubmittedPhoto(photo, me.id)) continue;
    // Still in the outbox (waiting, or held as a conflict or refusal): the server has no record to attach it to.
    if (await db.outbox.get(photo.id)) {
      summary.waiting++;
      continue;
    }
    const result = await callApi(API.paperPhoto, { params: { id: photo.id }, body: photo.blob }, { fetch: fetchImpl, timeoutMs: 60_000 });
    if (result.kind === 'ok') {
      // The answer must name this photo: a 200 about another one (a proxy's cache) does not say it arrived.
      if (result.body.id !== photo.id) return { ...summary, stoppedBy: 'network' };
      await db.photos.delete(photo.id);
      summary.uploaded++;
      continue;
    }
    // Not reached, or a 200 that is not the server's answer (a captive portal, a proxy): keep the photo.
    if (isLikeNoNetwork(result)) return { ...summary, stoppedBy: 'network' };
    if (result.kind === 'auth') return { ...summary, stoppedBy: 'auth' };
    // 404: the record is not there yet (another tablet's session, a replica lagging): try again next time.
    if (result.kind === 'retryable' || (result.kind === 'permanent' && result.status === 404)) {
      summary.waiting++;
      continue;
    }
    await db.photos.update(photo.id, { state: 'dead', lastError: result.error });
  }
  return summary;
}
