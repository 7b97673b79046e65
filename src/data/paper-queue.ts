import type { PaperFormConfig } from '../domain/paper-api';
import type { KioskDatabase } from './db';
import { draftPhotoId } from './paper-draft';
import { getMeta, setMeta, type SyncStatus } from './meta';
import { entriesOf, stream } from './stream-tables';

export interface PaperQueueCounts {
  /** Typed-in forms waiting for the server. */
  forms: number;
  /** Forms the server refused or that conflict: held on the tablet, shown on /device. */
  held: number;
  /** Photos of sent forms waiting for their upload (drafts' photos are not counted). */
  photos: number;
  sync: SyncStatus | undefined;
}

const DRAFT_PHOTO_PREFIX = draftPhotoId('');

/** What the form's queue line says: how many forms and photos wait, and the paper stream's last sync. */
export async function readPaperQueue(db: KioskDatabase): Promise<PaperQueueCounts> {
  const [forms, conflicts, dead, photos, sync] = await Promise.all([
    entriesOf(db, 'paper', 'pending').count(),
    entriesOf(db, 'paper', 'conflict').count(),
    entriesOf(db, 'paper', 'dead').count(),
    db.photos.filter((p) => !p.id.startsWith(DRAFT_PHOTO_PREFIX)).count(),
    getMeta(db, stream('paper').statusKey),
  ]);
  const held = conflicts + dead;
  return { forms, held, photos, sync };
}

/** When the paper stream last reached the server (0: never): the checks list reloads after each upload. */
export const readPaperLastUploadAt = async (db: KioskDatabase): Promise<number> => (await getMeta(db, stream('paper').statusKey))?.lastSuccessAt ?? 0;

/** The unit catalogue the form works from, saved at each answer so the form works offline. */
export const savePaperFormConfig = (db: KioskDatabase, config: PaperFormConfig): Promise<void> => setMeta(db, 'paperFormConfig', config);

/** The saved catalogue, only if it is of this unit: a tablet may be shared with someone of another unit. */
export async function readPaperFormConfig(db: KioskDatabase, unitId: string): Promise<PaperFormConfig | undefined> {
  const saved = await getMeta(db, 'paperFormConfig');
  return saved?.unit.id === unitId ? saved : undefined;
}
