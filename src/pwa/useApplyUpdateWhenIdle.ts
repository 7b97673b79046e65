import { useEffect } from 'react';
import { applyUpdate, useUpdateReady } from './sw-updates';

/** The idle screen must have been untouched this long before the page reloads into the new version. */
const QUIET_BEFORE_APPLY_MS = 15_000;

/** Applies a waiting new version only while the kiosk is idle, never mid-rating. */
export function useApplyUpdateWhenIdle(isIdle: boolean): { updateReady: boolean } {
  const updateReady = useUpdateReady();
  useEffect(() => {
    if (!updateReady || !isIdle) return;
    let timer = window.setTimeout(applyUpdate, QUIET_BEFORE_APPLY_MS);
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(applyUpdate, QUIET_BEFORE_APPLY_MS);
    };
    document.addEventListener('pointerdown', restart, { capture: true });
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('pointerdown', restart, { capture: true });
    };
  }, [updateReady, isIdle]);
  return { updateReady };
}
