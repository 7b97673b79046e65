import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { normalizePhone } from '../domain/contact';
import type { LevelKey } from '../domain/levels';
import { pickLabel } from '../domain/locales';
import { MAX_COMMENT_LENGTH, MAX_OTHER_REASON_LENGTH } from '../domain/rating-limits';
import { OTHER_REASON, type Reason } from '../domain/reasons';
import type { RatingDraft } from '../data/submit-rating';
import { currentLocale } from '../i18n';

interface FormValues {
  reasons: string[];
  otherReason: string;
  comment: string;
  name: string;
  phone: string;
}

interface Props {
  level: LevelKey;
  reasons: Reason[];
  saving: boolean;
  onSubmit: (draft: RatingDraft, tapTime: number) => void;
  onBack: () => void;
}

/** Reasons, comment and optional contact for a bad rating; nothing is stored until 提交 passes validation. */
export default function ReasonScreen({ level, reasons, saving, onSubmit, onBack }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { register, handleSubmit, watch, formState } = useForm<FormValues>({
    defaultValues: { reasons: [], otherReason: '', comment: '', name: '', phone: '' },
    reValidateMode: 'onChange',
  });
  const { errors } = formState;
  const otherChosen = (watch('reasons') ?? []).includes(OTHER_REASON);
  const tooLong = (max: number) => ({ value: max, message: t('errors.tooLong', { max }) });

  const submit = handleSubmit((v, event) => {
    const chosen = v.reasons ?? [];
    const phone = v.phone.trim() ? normalizePhone(v.phone) ?? undefined : undefined;
    onSubmit(
      {
        level,
        reasons: chosen,
        otherReason: chosen.includes(OTHER_REASON) ? v.otherReason.trim() : undefined,
        comment: v.comment.trim() || undefined,
        contact: { name: v.name.trim() || undefined, phone },
      },
      event?.timeStamp ?? performance.now(),
    );
  });

  return (
    <form className="reason-screen" onSubmit={submit} noValidate>
      <h1>{t('reasons.yourRating', { level: t(`level.${level}`) })}</h1>
      <fieldset className="reason-list" aria-invalid={!!errors.reasons} aria-describedby={errors.reasons ? 'reasons-error' : undefined}>
        <legend>{t('reasons.title')}</legend>
        {reasons
          .filter((r) => r.active)
          .map((r) => (
            <label key={r.key} className="reason-option">
              <input
                type="checkbox"
                value={r.key}
                {...register('reasons', { validate: (v) => (v ?? []).length > 0 || t('errors.reasonRequired') })}
              />
              <span>{pickLabel(r.label, locale)}</span>
            </label>
          ))}
        {errors.reasons && (
          <p id="reasons-error" className="field-error" role="alert">
            {errors.reasons.message}
          </p>
        )}
      </fieldset>
      {otherChosen && (
        <label className="text-field">
          <span>{t('reasons.otherText')}</span>
          <input
            type="text"
            placeholder={t('reasons.otherPlaceholder')}
            aria-invalid={!!errors.otherReason}
            aria-describedby={errors.otherReason ? 'other-error' : undefined}
            {...register('otherReason', {
              validate: (v, all) => !(all.reasons ?? []).includes(OTHER_REASON) || v.trim() !== '' || t('errors.otherRequired'),
              maxLength: tooLong(MAX_OTHER_REASON_LENGTH),
            })}
          />
          {errors.otherReason && (
            <span id="other-error" className="field-error" role="alert">
              {errors.otherReason.message}
            </span>
          )}
        </label>
      )}
      <label className="text-field">
        <span>{t('reasons.comment')}</span>
        <textarea rows={2} aria-invalid={!!errors.comment} {...register('comment', { maxLength: tooLong(MAX_COMMENT_LENGTH) })} />
        {errors.comment && (
          <span className="field-error" role="alert">
            {errors.comment.message}
          </span>
        )}
      </label>
      <fieldset className="contact">
        <legend>{t('reasons.contactTitle')}</legend>
        <p className="consent">{t('reasons.consent')}</p>
        <label className="text-field">
          <span>{t('reasons.name')}</span>
          <input type="text" autoComplete="off" {...register('name', { maxLength: tooLong(40) })} />
          {errors.name && (
            <span className="field-error" role="alert">
              {errors.name.message}
            </span>
          )}
        </label>
        <label className="text-field">
          <span>{t('reasons.phone')}</span>
          <input
            type="tel"
            inputMode="tel"
            autoComplete="off"
            aria-invalid={!!errors.phone}
            aria-describedby={errors.phone ? 'phone-error' : undefined}
            {...register('phone', { validate: (v) => !v.trim() || normalizePhone(v) !== null || t('errors.phoneInvalid') })}
          />
          {errors.phone && (
            <span id="phone-error" className="field-error" role="alert">
              {errors.phone.message}
            </span>
          )}
        </label>
      </fieldset>
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onBack} disabled={saving}>
          {t('reasons.back')}
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? t('reasons.saving') : t('reasons.submit')}
        </button>
      </div>
    </form>
  );
}
