import { paperFingerprint } from '../domain/paper-form';
import { RatingRecordSchema, type RatingRecord } from '../domain/rating';
import type { KioskDatabase } from './db';
import { deletePaperDraft } from './paper-draft';
import { getMeta, setMeta } from './meta';

const REMEMBERED_FORMS = 500;

/** The fingerprint hashed: the tablet remembers that a form was entered without keeping who filled it in. */
async function hashedFingerprint(record: RatingRecord): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(paperFingerprint(record)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Writes a typed-in paper form like a kiosk rating (record and outbox entry in one strict transaction), its photo
 * beside it, forgets the draft, and remembers the form's fingerprint for the duplicate warning offline.
 */
export async function submitPaperForm(db: KioskDatabase, record: RatingRecord, photo: Blob | null, draftOwner: string, now = Date.now()) {
  // The record says it has a photo exactly when one is stored beside it: the server expects the photo it was told
  // of, and refuses one it was not.
  const valid = RatingRecordSchema.parse(record.paper ? { ...record, paper: { ...record.paper, hasPhoto: photo !== null } } : record);
  const fingerprint = await hashedFingerprint(valid);
  await db.transaction('rw', [db.ratings, db.outbox, db.photos, db.meta], async () => {
    await db.ratings.add({ id: valid.id, record: valid, createdAt: now });
    await db.outbox.add({ id: valid.id, stream: 'paper', state: 'pending', attempts: 0, enqueuedAt: now, updatedAt: now });
    if (photo) await db.photos.add({ id: valid.id, blob: photo, state: 'waiting', createdAt: now, enteredBy: valid.paper?.enteredBy });
    await deletePaperDraft(db, draftOwner);
    const seen = (await getMeta(db, 'paperSubmitted')) ?? [];
    await setMeta(db, 'paperSubmitted', [{ fingerprint, id: valid.id, at: now }, ...seen].slice(0, REMEMBERED_FORMS));
  });
  return valid;
}

/** Forms with the same case, level and evaluator entered on this tablet before. */
export async function localDuplicates(db: KioskDatabase, record: RatingRecord): Promise<{ id: string; at: number }[]> {
  const fingerprint = await hashedFingerprint(record);
  return ((await getMeta(db, 'paperSubmitted')) ?? []).filter((s) => s.fingerprint === fingerprint);
}
