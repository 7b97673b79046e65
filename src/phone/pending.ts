import { PHONE_BROWSER_ID } from '../domain/phone-constants';
import type { PhoneRatingRequest } from '../domain/rating-link';

// A rating the phone could not send yet, kept in localStorage per link until the server has answered it: the
// page sends it again when `online` fires and when the page is opened again, always with the same id, so the
// server stores it once (a resend is answered 'duplicate'). localStorage, not IndexedDB: one small record, read
// synchronously at start-up, no library in the first paint.

const key = (token: string) => `hcp.phone.pending.${token}`;

/** The rating as first built, and whether its link is a window QR (it then names the browser when sent). */
export interface Pending {
  request: PhoneRatingRequest;
  windowLink: boolean;
}

export function readPending(token: string): Pending | null {
  try {
    const raw = localStorage.getItem(key(token));
    const kept = raw ? (JSON.parse(raw) as Pending) : null;
    return kept && typeof kept.request?.id === 'string' ? kept : null;
  } catch {
    return null;
  }
}

/** False when the browser refuses storage (private mode, full): the page then says it cannot keep the rating. */
export function keepPending(token: string, pending: Pending): boolean {
  try {
    localStorage.setItem(key(token), JSON.stringify(pending));
    return true;
  } catch {
    return false;
  }
}

export function dropPending(token: string) {
  try {
    localStorage.removeItem(key(token));
  } catch {
    /* nothing kept */
  }
}

const BROWSER_KEY = 'hcp.phone.browser';

/** This browser's id for the window-QR limits (src/domain/rating-link.ts PHONE_BROWSER_HEADER): made once, kept. */
export function browserId(): string {
  try {
    const kept = localStorage.getItem(BROWSER_KEY);
    if (kept && PHONE_BROWSER_ID.test(kept)) return kept;
  } catch {
    /* storage blocked: a new id per page load */
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  try {
    localStorage.setItem(BROWSER_KEY, id);
  } catch {
    /* kept for this page only */
  }
  return id;
}
