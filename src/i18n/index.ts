import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../domain/locales';
import zhKiosk from './locales/zh-CN/kiosk.json';

import type { Namespace } from './namespaces';
import { ensureTibetanFont } from './tibetan-font';

// One message file per screen family and language: the kiosk's Chinese ships in the first paint, the rest load
// with their screens (every file is its own chunk, precached for offline use).

type Messages = Record<string, unknown>;
const lazyMessages = import.meta.glob<{ default: Messages }>(['./locales/*/*.json', '!./locales/zh-CN/kiosk.json']);

/** Each language names itself, in its own script, whatever the current language. */
export const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', bo: 'བོད་ཡིག', en: 'English' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

const loadedNamespaces = new Set<Namespace>(['kiosk']);

async function ensureBundle(locale: Locale, ns: Namespace) {
  if (i18next.hasResourceBundle(locale, ns)) return;
  const load = lazyMessages[`./locales/${locale}/${ns}.json`];
  if (!load) throw new Error(`no ${ns} messages for ${locale}`);
  i18next.addResourceBundle(locale, ns, (await load()).default);
}

export async function initI18n() {
  await i18next.use(initReactI18next).init({
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    ns: ['kiosk'],
    defaultNS: 'kiosk',
    resources: { [DEFAULT_LOCALE]: { kiosk: zhKiosk } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

/** Loads a screen family's messages in the current language (and Chinese, the fallback) before it renders. */
export async function loadNamespace(ns: Namespace) {
  loadedNamespaces.add(ns);
  await Promise.all([ensureBundle(currentLocale(), ns), ensureBundle(DEFAULT_LOCALE, ns)]);
}

/** Loads the language's messages for every screen family in use, then switches; <html lang> follows. */
export async function setLanguage(locale: Locale) {
  if (locale === 'bo') void ensureTibetanFont(); // not awaited: the text shows in a fallback until it swaps in
  await Promise.all([...loadedNamespaces].map((ns) => ensureBundle(locale, ns)));
  await i18next.changeLanguage(locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : DEFAULT_LOCALE;
}
