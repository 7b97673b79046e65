import { useTranslation } from 'react-i18next';
import { DEFAULT_LOCALE, pickLabel, type Locale, type LocalizedText } from '../../domain/locales';
import { isLocale } from '../../i18n';

/** Labels from the data, in the language the screen is shown in (re-renders when the language changes). */
export function useLabel(): (text: LocalizedText) => string {
  const { i18n } = useTranslation();
  const locale: Locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  return (text) => pickLabel(text, locale);
}
