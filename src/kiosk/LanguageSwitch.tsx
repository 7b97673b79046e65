import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../domain/locales';
import { currentLocale, LANGUAGE_NAMES, setLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const active = currentLocale();
  return (
    <nav className="language-switch" aria-label={t('kiosk.languages')}>
      {LOCALES.map((locale: Locale) => (
        <button key={locale} type="button" lang={locale} aria-pressed={locale === active} onClick={() => void setLanguage(locale)}>
          {LANGUAGE_NAMES[locale]}
        </button>
      ))}
    </nav>
  );
}
