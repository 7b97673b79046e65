import { ErrorEnvelopeSchema } from '../domain/sync-api';
import { paperPhotoPath } from '../domain/paper-api';
import type { KioskDatabase } from './db';

export interface PhotoUploadSummary {
  uploaded: number;
  waiting: number;
  stoppedBy?: 'network' | 'auth';
}

/**
 * Sends photos of paper forms whose record the server has acknowledged (the photo may only follow its record).
 * Sent photos leave the device; a refused one is kept aside with the reason; nothing is dropped silently.
 */
export async function uploadPhotos(db: KioskDatabase, fetchImpl: typeof fetch = fetch): Promise<PhotoUploadSummary> {
  const summary: PhotoUploadSummary = { uploaded: 0, waiting: 0 };
  const photos = await db.photos.where('state').equals('waiting').toArray();
  for (const photo of photos) {
    if (photo.id.startsWith('draft:')) continue;
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
