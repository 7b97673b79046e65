import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { EMPTY_PAPER_FORM, type PaperFormValues } from '../domain/paper-form';
import type { KioskDatabase } from '../data/db';
import { discardPaperDraft, readDraftPhoto, readPaperDraft, saveDraftPhoto, savePaperDraft } from '../data/paper-draft';

const SAVE_AFTER_MS = 400;

/**
 * A half-filled form survives a reload: values and photo are saved as the user types and restored on return,
 * for the same person only (one draft per person). A save still waiting when the page is hidden or left is made
 * at once: a tablet put to sleep may never run the timer. Drafts go when the form is submitted, when the user
 * throws the draft away, and at sign-out (src/account/session.ts).
 */
export function usePaperDraft(db: KioskDatabase, userId: string, form: UseFormReturn<PaperFormValues>, blank: PaperFormValues = EMPTY_PAPER_FORM) {
  const [photo, setPhotoState] = useState<Blob | null>(null);
  const [restored, setRestored] = useState<number | null>(null);
  const [loaded, setLoaded] = useState(false);
  const timer = useRef<number>(undefined);
  const pending = useRef<PaperFormValues | null>(null);

  useEffect(() => {
    void (async () => {
      const draft = await readPaperDraft(db, userId);
      const draftPhoto = await readDraftPhoto(db, userId);
      if (draft) {
        // A draft saved without a window (before it was filled in for the clerk) starts at the clerk's own.
        form.reset({ ...blank, ...draft.values, windowId: draft.values.windowId || blank.windowId });
        setRestored(draft.savedAt);
      }
      if (draftPhoto) setPhotoState(draftPhoto);
      setLoaded(true);
    })();
    // Restore once, when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, userId]);

  // A layout effect: subscribed in the same commit that shows the fields, so not even the first keystroke after
  // the form appears can slip past the draft (a passive effect may run after it).
  useLayoutEffect(() => {
    if (!loaded) return;
    const flush = () => {
      window.clearTimeout(timer.current);
      const values = pending.current;
      pending.current = null;
      if (values) void savePaperDraft(db, userId, values);
    };
    const sub = form.watch((values) => {
      pending.current = { ...EMPTY_PAPER_FORM, ...(values as PaperFormValues) };
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(flush, SAVE_AFTER_MS);
    });
    const onHidden = () => document.visibilityState === 'hidden' && flush();
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', flush);
    return () => {
      sub.unsubscribe();
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', flush);
      // Unmounted without the page going away (sign-out, submission): a late save must not bring the draft back.
      window.clearTimeout(timer.current);
      pending.current = null;
    };
  }, [db, form, userId, loaded]);

  const setPhoto = useCallback(
    async (blob: Blob | null) => {
      setPhotoState(blob);
      form.setValue('hasPhoto', blob !== null, { shouldDirty: true });
      await saveDraftPhoto(db, userId, blob);
    },
    [db, form, userId],
  );

  const discard = useCallback(async () => {
    window.clearTimeout(timer.current);
    pending.current = null;
    await discardPaperDraft(db, userId);
    setPhotoState(null);
    setRestored(null);
    form.reset(blank);
  }, [db, form, userId, blank]);

  /** After a submission: the next form starts clean but keeps what a batch of forms usually shares. */
  const startNext = useCallback(() => {
    window.clearTimeout(timer.current);
    pending.current = null;
    const keep = form.getValues();
    form.reset({ ...blank, windowId: keep.windowId || blank.windowId, staffId: keep.staffId, serviceItemId: keep.serviceItemId, serviceDate: keep.serviceDate, checkedBy: keep.checkedBy });
    setPhotoState(null);
    setRestored(null);
  }, [form, blank]);

  return { loaded, photo, setPhoto, restored, discard, startNext };
}
