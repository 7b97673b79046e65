/** Where a rating link opens the phone page: `/r/<token>`. */
export const PHONE_PAGE_PREFIX = '/r/';

/**
 * The header a phone page sends with a window-QR rating: an id it keeps in localStorage, so the server can limit
 * ratings per browser (and per address) against stuffing. Not a secret and not trusted alone. Apart from
 * rating-link.ts so the phone page imports it without the schemas (zod) in its first paint.
 */
export const PHONE_BROWSER_HEADER = 'x-rating-browser';
export const PHONE_BROWSER_ID = /^[A-Za-z0-9_-]{16,64}$/;
