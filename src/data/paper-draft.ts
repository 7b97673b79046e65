import type { PaperFormValues } from '../domain/paper-form';
import type { KioskDatabase } from './db';

/** A half-filled paper form of one person; the photo waits in `photos` as "draft:<person>". */
export interface PaperDraft {
  userId: string;
  values: PaperFormValues;
  savedAt: number;
}

/**
 * One draft per person (meta key "paperDraft:<person id>"): on a tablet shared across shifts, a colleague's draft is
 * neither shown to nor overwritten by the next person. "paperDraft" alone is the slot older versions shared.
 */
const LEGACY_KEY = 'paperDraft';
const keyOf = (userId: string) => `paperDraft:${userId}`;
export const draftPhotoId = (userId: string) => `draft:${userId}`;

export async function readPaperDraft(db: KioskDatabase, userId: string): Promise<PaperDraft | undefined> {
  const own = (await db.meta.get(keyOf(userId)))?.value as PaperDraft | undefined;
  if (own) return own;
  const legacy = (await db.meta.get(LEGACY_KEY))?.value as PaperDraft | undefined;
  return legacy?.userId === userId ? legacy : undefined;
}

export async function savePaperDraft(db: KioskDatabase, userId: string, values: PaperFormValues, now = Date.now()): Promise<void> {
  await db.meta.put({ key: keyOf(userId), value: { userId, values, savedAt: now } satisfies PaperDraft });
}

/** Inside the caller's transaction when there is one (meta and photos must be in its scope). */
export async function deletePaperDraft(db: KioskDatabase, userId: string): Promise<void> {
  await db.meta.delete(keyOf(userId));
  const legacy = (await db.meta.get(LEGACY_KEY))?.value as PaperDraft | undefined;
  if (legacy?.userId === userId) await db.meta.delete(LEGACY_KEY);
  await db.photos.delete(draftPhotoId(userId));
}

/** The photo of the person's draft, if they chose one. */
export async function readDraftPhoto(db: KioskDatabase, userId: string): Promise<Blob | undefined> {
  return (await db.photos.get(draftPhotoId(userId)))?.blob;
}

/** Keeps (or, with null, drops) the draft's photo; it becomes the form's photo when the form is submitted. */
export async function saveDraftPhoto(db: KioskDatabase, userId: string, blob: Blob | null, now = Date.now()): Promise<void> {
  if (blob) await db.photos.put({ id: draftPhotoId(userId), blob, state: 'waiting', createdAt: now });
  else await db.photos.delete(draftPhotoId(userId));
}

/** Throws the person's draft away, values and photo together. */
export async function discardPaperDraft(db: KioskDatabase, userId: string): Promise<void> {
  await db.transaction('rw', db.meta, db.photos, () => deletePaperDraft(db, userId));
}
