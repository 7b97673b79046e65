// The Tibetan font the app ships (public/fonts, made by scripts/make-tibetan-font.ts): tablets may have no
// Tibetan font at all. Its own family name, so it is used even where an older system copy is installed; it is
// first in --font-tibetan (styles/base.css) but exists only once added here, so a kiosk used in Chinese never
// fetches it (the language button's own name then uses whatever the system has).
export const TIBETAN_FONT_FAMILY = 'HCP Noto Serif Tibetan';
export const TIBETAN_FONT_URL = '/fonts/noto-serif-tibetan-subset.woff2';

let loading: Promise<void> | undefined;

/**
 * Adds the face and starts its load (from the service worker's precache when offline). Resolves when it is ready
 * or has failed: a failure leaves the system's fonts in use, it never stops the language from changing.
 * font-display: swap shows the text at once in a fallback and redraws it when the face arrives.
 */
export function ensureTibetanFont(): Promise<void> {
  if (typeof document === 'undefined' || typeof FontFace === 'undefined') return Promise.resolve();
  loading ??= (async () => {
    const face = new FontFace(TIBETAN_FONT_FAMILY, `url(${TIBETAN_FONT_URL}) format('woff2')`, { display: 'swap' });
    document.fonts.add(face);
    await face.load();
  })().catch((e: unknown) => console.warn('the Tibetan font did not load; system fonts are used', e));
  return loading;
}
