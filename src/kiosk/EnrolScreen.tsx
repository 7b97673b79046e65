import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeEnrolmentCode } from '../domain/device-api';
import { pickLabel } from '../domain/locales';
import type { KioskDatabase } from '../data/db';
import { DeviceRequestError, enrolThisDevice } from '../data/device-enrolment';
import { clearDeviceRefusal } from '../data/device-refusal';
import { readKioskConfig } from '../data/kiosk-store';
import { currentLocale } from '../i18n';
import { FieldError } from './FieldError';
import { LanguageSwitch } from './LanguageSwitch';
import './enrol.css';

type Phase = { kind: 'form' } | { kind: 'done'; windowName: string; persisted: boolean };

/**
 * A production tablet's first screen: the one-time code from the administrator (typed, or carried in the QR
 * code's address), then a request for persistent storage, whose answer is shown.
 */
export default function EnrolScreen({ db, initialCode, onEnrolled }: { db: KioskDatabase; initialCode: string; onEnrolled: () => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const [code, setCode] = useState(initialCode);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!normalizeEnrolmentCode(code)) return setError(t('enrol.errors.ENROLMENT_CODE_INVALID'));
    setBusy(true);
    setError(null);
    try {
      await enrolThisDevice(db, code);
      await clearDeviceRefusal(db);
      const persisted = (await navigator.storage?.persist?.().catch(() => false)) ?? false;
      const config = await readKioskConfig(db);
      setPhase({ kind: 'done', windowName: config ? pickLabel(config.window.name, currentLocale()) : '', persisted });
    } catch (err) {
      const codeOf = err instanceof DeviceRequestError ? err.code : 'other';
      setError(t(`enrol.errors.${codeOf}`, { defaultValue: t('enrol.errors.other', { message: err instanceof Error ? err.message : String(err) }) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="kiosk kiosk-message enrol-screen">
      <h1>{t('enrol.title')}</h1>
      {phase.kind === 'form' ? (
        <form onSubmit={submit} noValidate className="enrol-form">
          <p>{t('enrol.intro')}</p>
          <label htmlFor={`${uid}-code`}>{t('enrol.code')}</label>
          <input
            id={`${uid}-code`}
            className="enrol-code"
            value={code}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder={t('enrol.placeholder')}
            aria-invalid={error !== null}
            aria-describedby={error ? `${uid}-error` : undefined}
            onChange={(e) => setCode(e.target.value)}
          />
          <FieldError id={`${uid}-error`} message={error ?? undefined} />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('enrol.working') : t('enrol.submit')}
          </button>
        </form>
      ) : (
        <div className="enrol-done" role="status">
          <p>{t('enrol.done', { window: phase.windowName })}</p>
          <p className={phase.persisted ? 'persist-yes' : 'persist-no'}>{phase.persisted ? t('enrol.persisted') : t('enrol.notPersisted')}</p>
          <button type="button" className="primary" onClick={onEnrolled}>
            {t('enrol.start')}
          </button>
        </div>
      )}
      <LanguageSwitch />
    </main>
  );
}
