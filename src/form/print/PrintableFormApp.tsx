import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../account/error-text';
import { SignedInShell } from '../../account/SignedInShell';
import type { Me } from '../../domain/account-api';
import { currentLocale, LANGUAGE_NAMES } from '../../i18n';
import { pickLabel } from '../../domain/locales';
import { hasPermission } from '../../domain/roles';
import { PrintableForm } from './PrintableForm';
import { printOptionsUrl, readPrintOptions, SECOND_LANGUAGES, type PrintOptions, type SecondLanguage } from './print-options';
import { useFormLanguage } from './useFormLanguage';
import { usePaperConfig } from './usePaperConfig';
import './print.css';

/** /form/print: a window prints its own blank Attachment 1 (书面评价表), in Chinese or bilingual. */
export default function PrintableFormApp() {
  return (
    <SignedInShell namespaces={['staff', 'print']} titleKey="print:title" className="print-app">
      {({ me }) => (hasPermission(me, 'paper.enter') ? <PrintPage me={me} /> : <NoPermission />)}
    </SignedInShell>
  );
}

function NoPermission() {
  const { t } = useTranslation('print');
  return <p className="print-message">{t('controls.noPermission')}</p>;
}

function PrintPage({ me }: { me: Me }) {
  const { t } = useTranslation(['print', 'staff']);
  const { state, retry } = usePaperConfig();
  const [options, setOptions] = useState<PrintOptions>(() => readPrintOptions(window.location.search));
  const { texts, failed: languageFailed } = useFormLanguage(options.second);
  const locale = currentLocale();

  const windows = state.status === 'ready' ? state.config.windows : [];
  const asked = options.windowId;
  const chosen = windows.find((w) => w.id === asked) ?? windows.find((w) => w.id === me.windowId) ?? windows[0] ?? null;

  // The address follows the choices, so the page can be bookmarked for one window and language.
  useEffect(() => {
    if (!chosen) return;
    const url = printOptionsUrl({ windowId: chosen.id, second: options.second });
    if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, '', url);
  }, [chosen, options.second]);

  if (state.status === 'loading') return <p className="print-message">{t('controls.loading')}</p>;
  if (state.status === 'failed') {
    return (
      <div className="print-message" role="alert">
        <p>{t('controls.loadFailed', { message: errorText(t, state.error) })}</p>
        <button type="button" onClick={retry}>
          {t('controls.retry')}
        </button>
      </div>
    );
  }
  if (!chosen) return <p className="print-message">{t('controls.noWindows')}</p>;

  return (
    <div className="print-page">
      <section className="print-controls" aria-label={t('controls.label')}>
        <h1>{t('title')}</h1>
        <div className="print-fields">
          <label>
            <span>{t('controls.window')}</span>
            <select value={chosen.id} onChange={(e) => setOptions((o) => ({ ...o, windowId: e.target.value }))}>
              {windows.map((w) => (
                <option key={w.id} value={w.id}>
                  {pickLabel(w.name, locale)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('controls.language')}</span>
            <select
              value={options.second ?? ''}
              onChange={(e) => setOptions((o) => ({ ...o, second: SECOND_LANGUAGES.find((l) => l === e.target.value) ?? null }))}
            >
              <option value="">{t('controls.chineseOnly')}</option>
              {SECOND_LANGUAGES.map((l: SecondLanguage) => (
                <option key={l} value={l}>
                  {t('controls.bilingual', { language: LANGUAGE_NAMES[l] })}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="primary" disabled={!texts} onClick={() => window.print()}>
            {t('controls.print')}
          </button>
        </div>
        {asked && asked !== chosen.id && <p className="print-note">{t('controls.unknownWindow', { id: asked })}</p>}
        {languageFailed && <p className="print-note" role="alert">{t('controls.languageFailed')}</p>}
        <p className="hint">{t('controls.paperHint')}</p>
      </section>
      <div className="print-preview">
        {texts && <PrintableForm unit={state.config.unit} serviceWindow={chosen} reasons={state.config.reasons} {...texts} />}
      </div>
    </div>
  );
}
