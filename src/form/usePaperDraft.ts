import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { EMPTY_PAPER_FORM, type PaperFormValues } from '../domain/paper-form';
import type { KioskDatabase } from '../data/db';
import { getMeta, setMeta } from '../data/meta';

const SAVE_AFTER_MS = 400;

/**
 * A half-filled form survives a reload: values and photo are saved as the user types and restored on return,
 * for the same person only. They go when the form is submitted or when the user throws the draft away.
 */
export function usePaperDraft(db: KioskDatabase, userId: string, form: UseFormReturn<PaperFormValues>) {
  const [photo, setPhotoState] = useState<Blob | null>(null);
  const [restored, setRestored] = useState<number | null>(null);
  const [loaded, setLoaded] = useState(false);
  const timer = useRef<number>(undefined);
  const photoKey = `draft:${userId}`;

  useEffect(() => {
    void (async () => {
      const draft = await getMeta(db, 'paperDraft');
      const draftPhoto = await db.photos.get(photoKey);
      if (draft?.userId === userId) {
        form.reset({ ...EMPTY_PAPER_FORM, ...draft.values });
        setRestored(draft.savedAt);
      }
      if (draftPhoto) setPhotoState(draftPhoto.blob);
      setLoaded(true);
    })();
    // Restore once, when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, userId]);

  // A layout effect: subscribed in the same commit that shows the fields, so not even the first keystroke after
  // the form appears can slip past the draft (a passive effect may run after it).
  useLayoutEffect(() => {
    if (!loaded) return;
    const sub = form.watch((values) => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        void setMeta(db, 'paperDraft', { userId, values: { ...EMPTY_PAPER_FORM, ...(values as PaperFormValues) }, savedAt: Date.now() });
      }, SAVE_AFTER_MS);
    });
    return () => {
      sub.unsubscribe();
      window.clearTimeout(timer.current);
    };
  }, [db, form, userId, loaded]);

  const setPhoto = useCallback(
    async (blob: Blob | null) => {
      setPhotoState(blob);
      form.setValue('hasPhoto', blob !== null, { shouldDirty: true });
      if (blob) await db.photos.put({ id: photoKey, blob, state: 'waiting', createdAt: Date.now() });
      else await db.photos.delete(photoKey);
    },
    [db, form, photoKey],
  );

  const discard = useCallback(async () => {
    window.clearTimeout(timer.current);
    await db.transaction('rw', db.meta, db.photos, async () => {
      await db.meta.delete('paperDraft');
      await db.photos.delete(photoKey);
    });
    setPhotoState(null);
    setRestored(null);
    form.reset(EMPTY_PAPER_FORM);
  }, [db, form, photoKey]);

  /** After a submission: the next form starts clean but keeps what a batch of forms usually shares. */
  const startNext = useCallback(() => {
    window.clearTimeout(timer.current);
    const keep = form.getValues();
    form.reset({ ...EMPTY_PAPER_FORM, windowId: keep.windowId, staffId: keep.staffId, serviceItemId: keep.serviceItemId, serviceDate: keep.serviceDate, checkedBy: keep.checkedBy });
    setPhotoState(null);
    setRestored(null);
  }, [form]);

  return { loaded, photo, setPhoto, restored, discard, startNext };
}
