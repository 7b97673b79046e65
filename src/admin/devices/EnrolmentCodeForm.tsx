import { useEffect, useId, useRef, useState } from 'react';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../account/api-client';
import { ADMIN_DEVICE_PATHS, ENROLMENT_CODE_HOURS, formatEnrolmentCode, type EnrolmentCodeCreated } from '../../domain/device-api';
import { formatCstIso } from '../../domain/time';
import { FieldError } from '../../kiosk/FieldError';
import { AdminForm, useAdminForm } from '../shared/AdminForm';
import { windowsOf, type AdminCatalog } from '../shared/catalog-types';
import { cstMinute, enrolmentUrl } from './device-view';
import { errorAt } from '../shared/field-errors';
import { TextField } from '../shared/Fields';
import { QrCode } from './QrCode';
import { useLabel } from '../shared/useLabel';

const { min: MIN_HOURS, max: MAX_HOURS, default: DEFAULT_HOURS } = ENROLMENT_CODE_HOURS;

interface Values {
  windowId: string;
  validHours: number;
}

/** "12号 · 社保窗口" for a window id, in the screen's language (the id itself if the catalogue lacks it). */
export function useWindowName(catalog: AdminCatalog): (windowId: string) => string {
  const { t } = useTranslation('admin');
  const label = useLabel();
  return (windowId) => {
    const w = catalog.windows.find((x) => x.id === windowId);
    if (!w) return windowId;
    const name = t('common.windowOption', { number: w.number, name: label(w.name) });
    return w.active ? name : `${name} ${t('common.inactiveSuffix')}`;
  };
}

/** A tablet can serve only a window that is in use: active windows of active units, grouped by unit. */
function WindowSelect({ catalog }: { catalog: AdminCatalog }) {
  const { t } = useTranslation('admin');
  const label = useLabel();
  const uid = useId();
  const { register, formState } = useFormContext<Values>();
  const error = errorAt(formState.errors, 'windowId');
  const groups = catalog.units
    .filter((u) => u.active)
    .map((u) => ({ unit: u, windows: windowsOf(catalog, u.id).filter((w) => w.active) }))
    .filter((g) => g.windows.length > 0);
  return (
    <div className="text-field">
      <label htmlFor={uid}>{t('devices.code.window')}</label>
      <select
        id={uid}
        data-testid="windowId"
        aria-invalid={!!error}
        aria-describedby={error ? `${uid}-error` : undefined}
        {...register('windowId', { validate: (v) => v !== '' || t('devices.code.windowRequired') })}
      >
        <option value="">{t('common.choose')}</option>
        {groups.map(({ unit, windows }) => (
          <optgroup key={unit.id} label={label(unit.name)}>
            {windows.map((w) => (
              <option key={w.id} value={w.id}>
                {t('common.windowOption', { number: w.number, name: label(w.name) })}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {groups.length === 0 && <span className="hint">{t('devices.code.noWindows')}</span>}
      <FieldError id={`${uid}-error`} message={error} />
    </div>
  );
}

/** Creates a one-time enrolment code for a window and shows it, with its QR code, until dismissed. */
export function EnrolmentCodeForm({ catalog }: { catalog: AdminCatalog }) {
  const { t } = useTranslation('admin');
  const windowName = useWindowName(catalog);
  const [created, setCreated] = useState<EnrolmentCodeCreated | null>(null);
  const { methods, onSubmit, failure } = useAdminForm<Values>({ windowId: '', validHours: DEFAULT_HOURS }, async (v) => {
    setCreated(null);
    const result = await apiRequest<EnrolmentCodeCreated>('POST', ADMIN_DEVICE_PATHS.codes, { json: { windowId: v.windowId, validHours: v.validHours } });
    setCreated(result);
  });
  return (
    <>
      <AdminForm
        methods={methods}
        onSubmit={onSubmit}
        title={t('devices.code.title')}
        submitLabel={t('devices.code.submit')}
        testId="enrolment-code-form"
        failure={failure}
      >
        <p className="hint">{t('devices.code.intro')}</p>
        <div className="form-grid">
          <WindowSelect catalog={catalog} />
          <TextField
            name="validHours"
            label={t('devices.code.validHours')}
            hint={t('devices.code.validHoursHint', { max: MAX_HOURS, default: DEFAULT_HOURS })}
            input={{ type: 'number', inputMode: 'numeric', min: MIN_HOURS, max: MAX_HOURS, step: 1, className: 'short' }}
            rules={{
              setValueAs: (raw: unknown) => (raw === '' || raw === null || raw === undefined ? Number.NaN : Number(raw)),
              validate: (n: number) => (Number.isInteger(n) && n >= MIN_HOURS && n <= MAX_HOURS) || t('devices.code.validHoursInvalid', { max: MAX_HOURS }),
            }}
          />
        </div>
      </AdminForm>
      {created && <CreatedCode created={created} windowName={windowName(created.windowId)} onDismiss={() => setCreated(null)} />}
    </>
  );
}

/** The code just created: shown once, large enough to read across a desk, with the address and its QR code. */
function CreatedCode({ created, windowName, onDismiss }: { created: EnrolmentCodeCreated; windowName: string; onDismiss: () => void }) {
  const { t } = useTranslation('admin');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const uid = useId();
  const code = formatEnrolmentCode(created.code);
  const url = enrolmentUrl(window.location.origin, created.code);
  // A new code takes the focus, so a screen reader reads it and the keyboard is next to "Close".
  useEffect(() => headingRef.current?.focus(), [created.code]);
  return (
    <section className="code-panel" aria-labelledby={`${uid}-title`} data-testid="enrolment-code-panel">
      <div className="code-text">
        <h3 id={`${uid}-title`} ref={headingRef} tabIndex={-1}>
          {t('devices.code.createdTitle')}
        </h3>
        <p className="enrol-code" data-testid="enrolment-code">
          {code}
        </p>
        <dl className="code-facts">
          <div>
            <dt>{t('devices.code.window')}</dt>
            <dd data-testid="enrolment-code-window">{windowName}</dd>
          </div>
          <div>
            <dt>{t('devices.code.expires')}</dt>
            <dd>
              <time dateTime={formatCstIso(created.expiresAt)} data-testid="enrolment-code-expires">
                {t('devices.code.expiresValue', { time: cstMinute(created.expiresAt) })}
              </time>
            </dd>
          </div>
          <div>
            <dt>{t('devices.code.url')}</dt>
            <dd className="mono code-url" data-testid="enrolment-url">
              {url}
            </dd>
          </div>
        </dl>
        <p className="note">{t('devices.code.once')}</p>
        <p>{t('devices.code.howTo')}</p>
        <div className="admin-actions">
          <button type="button" className="secondary" data-testid="dismiss-code" onClick={onDismiss}>
            {t('devices.code.dismiss')}
          </button>
        </div>
      </div>
      <QrCode text={url} label={t('devices.code.qrLabel', { code })} testId="enrolment-qr" />
    </section>
  );
}
