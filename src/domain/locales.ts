import type { LocalizedText } from './base-schemas';

/** zh-CN is the default; bo (Tibetan) and en ship with it. */
export const LOCALES = ['zh-CN', 'bo', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export type { LocalizedText };

export function pickLabel(text: LocalizedText, locale: Locale): string {
  return text[locale] || text[DEFAULT_LOCALE];
}
