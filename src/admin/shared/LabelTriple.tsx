import { LOCALES, type LocalizedText } from '../../domain/locales';
import { LANGUAGE_NAMES } from '../../i18n';

/** A LocalizedText shown in all three languages, so the administrator can check each one. */
export function LabelTriple({ text }: { text: LocalizedText }) {
  return (
    <dl className="label-triple">
      {LOCALES.map((locale) => (
        <div key={locale}>
          <dt lang={locale}>{LANGUAGE_NAMES[locale]}</dt>
          <dd lang={locale}>{text[locale]}</dd>
        </div>
      ))}
    </dl>
  );
}
