import { LOCALES, type Locale } from '../../domain/locales';
import { FORM_PRINT_PATH } from '../../routes';

/** The printed form is always in Chinese; it may carry Tibetan or English under each label as well. */
export type SecondLanguage = Exclude<Locale, 'zh-CN'>;
export const SECOND_LANGUAGES = LOCALES.filter((l): l is SecondLanguage => l !== 'zh-CN');

export interface PrintOptions {
  windowId: string | null;
  second: SecondLanguage | null;
}

/** `?window=<id>&lang=bo|en`: a link (or a bookmark) opens the form of one window, in one language pair. */
export function readPrintOptions(search: string): PrintOptions {
  const params = new URLSearchParams(search);
  const lang = params.get('lang');
  return {
    windowId: params.get('window') || null,
    second: SECOND_LANGUAGES.find((l) => l === lang) ?? null,
  };
}

export function printOptionsUrl({ windowId, second }: PrintOptions): string {
  const params = new URLSearchParams();
  if (windowId) params.set('window', windowId);
  if (second) params.set('lang', second);
  const query = params.toString();
  return query ? `${FORM_PRINT_PATH}?${query}` : FORM_PRINT_PATH;
}
