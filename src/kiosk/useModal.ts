import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Makes a dialog rendered into document.body modal: everything else on the page is `inert` (no focus, no taps,
 * hidden from screen readers), focus moves into the dialog and wraps at its ends, Escape closes it, and focus
 * returns to what opened it. `focusKey` changes when the dialog's content is replaced, so focus does not fall
 * to <body> with the button that was just pressed.
 */
export function useModal(ref: RefObject<HTMLElement | null>, onClose: () => void, focusKey: unknown) {
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const host = ref.current?.closest('body > *');
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const madeInert: Element[] = [];
    for (const el of Array.from(document.body.children)) {
      if (el === host || el.hasAttribute('inert')) continue;
      el.setAttribute('inert', '');
      madeInert.push(el);
    }
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        closeRef.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      for (const el of madeInert) el.removeAttribute('inert');
      if (opener?.isConnected) opener.focus();
    };
  }, [ref]);

  useEffect(() => {
    ref.current?.focus();
  }, [ref, focusKey]);

  /** Tab at the last control goes to the first and Shift+Tab at the first to the last. */
  return (e: KeyboardEvent) => {
    if (e.key !== 'Tab' || !ref.current) return;
    const items = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    const at = document.activeElement;
    if (e.shiftKey && (at === first || at === ref.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && at === last) {
      e.preventDefault();
      first.focus();
    }
  };
}
