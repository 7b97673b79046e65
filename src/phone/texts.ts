import zh from '../i18n/locales/zh-CN/phone.json';
import en from '../i18n/locales/en/phone.json';
import bo from '../i18n/locales/bo/phone.json';
import type { Locale, LocalizedText } from '../domain/locales';

// The phone page's texts without i18next: three small JSON files bundled in (about 3 KiB gzip together), so a
// language switch needs no request and the first paint stays far under its budget.
type Messages = typeof zh;
const MESSAGES: Record<Locale, Messages> = { 'zh-CN': zh, en, bo };
export const PHONE_LOCALES: readonly { locale: Locale; name: string }[] = [
  { locale: 'zh-CN', name: '中文' },
  { locale: 'bo', name: 'བོད་ཡིག' },
  { locale: 'en', name: 'English' },
];

const STORED_LOCALE = 'hcp.phone.locale';

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORED_LOCALE);
    if (stored === 'zh-CN' || stored === 'en' || stored === 'bo') return stored;
  } catch {
    /* storage blocked: the browser's language decides */
  }
  const lang = (navigator.language || '').toLowerCase();
  return lang.startsWith('bo') ? 'bo' : lang.startsWith('en') ? 'en' : 'zh-CN';
}

let current: Locale = initialLocale();

export const locale = () => current;

export function setLocale(next: Locale) {
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORED_LOCALE, next);
  } catch {
    /* not kept: only this visit */
  }
}

/** A message by its dotted key ('level.SATISFIED'), {{name}} placeholders filled. */
export function t(key: string, vars: Record<string, string | number> = {}): string {
  let node: unknown = MESSAGES[current];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const text = typeof node === 'string' ? node : key;
  return text.replace(/{{(\w+)}}/g, (_m, name: string) => String(vars[name] ?? ''));
}

/** Catalogue text (unit, window, item, reason) in the current language. */
export const local = (text: LocalizedText) => text[current] || text['zh-CN'];

export function formatDate(ms: number): string {
  try {
    return new Intl.DateTimeFormat(current === 'bo' ? 'zh-CN' : current, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(ms);
  } catch {
    return new Date(ms).toISOString().slice(0, 10);
  }
}
