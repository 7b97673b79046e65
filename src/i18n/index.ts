import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../domain/locales';
import zhCN from './locales/zh-CN.json';

export type Messages = typeof zhCN;

/** Each language names itself, in its own script, whatever the current language. */
export const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', bo: 'བོད་ཡིག', en: 'English' };

// The default language ships in the first-paint bundle; the others are their own chunks, precached for offline use.
const loaders: Record<Exclude<Locale, 'zh-CN'>, () => Promise<{ default: Messages }>> = {
  bo: () => import('./locales/bo.json'),
  en: () => import('./locales/en.json'),
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export async function initI18n(locale: Locale = DEFAULT_LOCALE) {
  await i18next.use(initReactI18next).init({
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    resources: { [DEFAULT_LOCALE]: { translation: zhCN } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  if (locale !== DEFAULT_LOCALE) await setLanguage(locale);
  return i18next;
}

/** Loads the language's messages if needed, then switches; <html lang> follows for fonts and screen readers. */
export async function setLanguage(locale: Locale) {
  if (locale !== 'zh-CN' && !i18next.hasResourceBundle(locale, 'translation')) {
    const messages = await loaders[locale]();
    i18next.addResourceBundle(locale, 'translation', messages.default);
  }
  await i18next.changeLanguage(locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : DEFAULT_LOCALE;
}
