import { ErrorEnvelopeSchema } from '../domain/sync-api';
import { paperPhotoPath } from '../domain/paper-api';
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

/** The photo route's answer when it has the photo; anything else on a 200 (a captive portal's page) is not. */
async function serverHasPhoto(res: Response, id: string): Promise<boolean> {
  const body = (await res.json().catch(() => null)) as { id?: unknown; status?: unknown } | null;
  return body?.id === id && (body.status === 'stored' || body.status === 'duplicate');
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
    let res: Response;
    try {
      res = await fetchImpl(paperPhotoPath(photo.id), {
        method: 'PUT',
        headers: { 'content-type': photo.blob.type || 'image/jpeg' },
        body: photo.blob,
        credentials: 'same-origin',
        signal: AbortSignal.timeout(60_000),
      });
    } catch {
      return { ...summary, stoppedBy: 'network' };
    }
    if (res.ok) {
      // A 200 that is not the server's answer (a captive portal, a proxy) is as good as no network: keep the photo.
      if (!(await serverHasPhoto(res, photo.id))) return { ...summary, stoppedBy: 'network' };
      await db.photos.delete(photo.id);
      summary.uploaded++;
      continue;
    }
    if (res.status === 401 || res.status === 403) return { ...summary, stoppedBy: 'auth' };
    // 404: the record is not there yet (another tablet's session, a replica lagging): try again next time.
    if (res.status === 404 || res.status === 408 || res.status === 429 || res.status >= 500) {
      summary.waiting++;
      continue;
    }
    const body = await res.json().catch(() => null);
    const parsed = ErrorEnvelopeSchema.safeParse(body);
    await db.photos.update(photo.id, { state: 'dead', lastError: parsed.success ? parsed.data.error : { code: `HTTP_${res.status}`, message: res.statusText } });
  }
  return summary;
}
