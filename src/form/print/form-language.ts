import i18next, { type TFunction } from 'i18next';
import { DEFAULT_LOCALE, type Locale } from '../../domain/locales';
import { ensureTibetanFont } from '../../i18n/tibetan-font';

// The printed form is in Chinese, optionally with a second language under each label, whatever language the
// screen is in. Its messages (print:form.*, kiosk:level.*, kiosk:reasons.consent) are loaded here for that second
// language; these are the very files i18n/index.ts loads lazily, so Vite shares their chunks (and precaches them).
const FORM_NAMESPACES = ['print', 'kiosk'] as const;
const bundles = import.meta.glob<{ default: Record<string, unknown> }>([
  '../../i18n/locales/bo/print.json',
  '../../i18n/locales/bo/kiosk.json',
  '../../i18n/locales/en/print.json',
  '../../i18n/locales/en/kiosk.json',
]);

/** Loads what the form needs in a language. Chinese is always there: kiosk at boot, print with the page's shell. */
export async function ensureFormLanguage(locale: Locale): Promise<void> {
  if (locale === DEFAULT_LOCALE) return;
  await Promise.all([
    // A sheet is printed as it is drawn: the Tibetan lines wait for the shipped font (a failed load does not block).
    locale === 'bo' ? ensureTibetanFont() : undefined,
    ...FORM_NAMESPACES.map(async (ns) => {
      if (i18next.hasResourceBundle(locale, ns)) return;
      const load = bundles[`../../i18n/locales/${locale}/${ns}.json`];
      if (!load) throw new Error(`no ${ns} messages for ${locale}`);
      i18next.addResourceBundle(locale, ns, (await load()).default);
    }),
  ]);
}

/** A translator fixed to one language, for the printed sheet (keys carry their namespace: `print:form.title`). */
export function formT(locale: Locale): TFunction {
  return i18next.getFixedT(locale, [...FORM_NAMESPACES]);
}
