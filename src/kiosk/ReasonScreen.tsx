import { useEffect, useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { normalizePhone } from '../domain/contact';
import type { LevelKey } from '../domain/levels';
import { pickLabel } from '../domain/locales';
import { MAX_COMMENT_LENGTH, MAX_OTHER_REASON_LENGTH } from '../domain/rating-limits';
import { OTHER_REASON, type Reason } from '../domain/reasons';
import type { RatingDraft } from '../data/submit-rating';
import { currentLocale } from '../i18n';
import { DiscardDialog } from './DiscardDialog';
import { FieldError } from './FieldError';

interface FormValues {
  reasons: string[];
  otherReason: string;
  comment: string;
  /** Publish the comment, anonymised (issue 16): asked only once a comment is typed, unticked by default. */
  publish: boolean;
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
    defaultValues: { reasons: [], otherReason: '', comment: '', publish: false, name: '', phone: '' },
    reValidateMode: 'onChange',
  });
  const { errors } = formState;
  const otherChosen = (watch('reasons') ?? []).includes(OTHER_REASON);
  const hasComment = (watch('comment') ?? '').trim() !== '';
  const tooLong = (max: number) => ({ value: max, message: t('errors.tooLong', { max }) });
  const uid = useId();
  // The tapped level button is gone: without this, focus falls to <body> and a screen reader says nothing.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const describe = (field: keyof FormValues) =>
    errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${uid}-${field}-error` } : { 'aria-invalid': false };

  // 返回 asks before throwing away what was chosen or typed; with nothing yet, it goes straight back.
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  const formDirty = formState.isDirty;
  const back = () => (formDirty ? setConfirmingDiscard(true) : onBack());

  const submit = handleSubmit((v, event) => {
    const chosen = v.reasons ?? [];
    const phone = v.phone.trim() ? normalizePhone(v.phone) ?? undefined : undefined;
    onSubmit(
      {
        level,
        reasons: chosen,
        otherReason: chosen.includes(OTHER_REASON) ? v.otherReason.trim() : undefined,
        comment: v.comment.trim() || undefined,
        // A box ticked and the comment then cleared publishes nothing: there is nothing to publish.
        publishComment: v.publish && v.comment.trim() !== '' ? true : undefined,
        contact: { name: v.name.trim() || undefined, phone },
      },
      event?.timeStamp ?? performance.now(),
    );
  });

  return (
    <form className="reason-screen" onSubmit={submit} noValidate>
      <h1 ref={headingRef} tabIndex={-1}>{t('reasons.yourRating', { level: t(`level.${level}`) })}</h1>
      <fieldset className="reason-list" {...describe('reasons')}>
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
        <FieldError id={`${uid}-reasons-error`} message={errors.reasons?.message} />
      </fieldset>
      {otherChosen && (
        <div className="text-field reason-other">
          <label htmlFor={`${uid}-other`}>{t('reasons.otherText')}</label>
          <input
            id={`${uid}-other`}
            type="text"
            placeholder={t('reasons.otherPlaceholder')}
            {...describe('otherReason')}
            {...register('otherReason', {
              validate: (v, all) => !(all.reasons ?? []).includes(OTHER_REASON) || v.trim() !== '' || t('errors.otherRequired'),
              maxLength: tooLong(MAX_OTHER_REASON_LENGTH),
            })}
          />
          <FieldError id={`${uid}-otherReason-error`} message={errors.otherReason?.message} />
        </div>
      )}
      <div className="text-field reason-comment">
        <label htmlFor={`${uid}-comment`}>{t('reasons.comment')}</label>
        <textarea id={`${uid}-comment`} rows={2} {...describe('comment')} {...register('comment', { maxLength: tooLong(MAX_COMMENT_LENGTH) })} />
        <FieldError id={`${uid}-comment-error`} message={errors.comment?.message} />
        {hasComment && (
          <label className="reason-option publish-consent">
            <input type="checkbox" {...register('publish')} />
            <span>{t('reasons.publish')}</span>
          </label>
        )}
      </div>
      <fieldset className="contact">
        <legend>{t('reasons.contactTitle')}</legend>
        <p className="consent">{t('reasons.consent')}</p>
        <div className="text-field">
          <label htmlFor={`${uid}-name`}>{t('reasons.name')}</label>
          <input id={`${uid}-name`} type="text" autoComplete="off" {...describe('name')} {...register('name', { maxLength: tooLong(40) })} />
          <FieldError id={`${uid}-name-error`} message={errors.name?.message} />
        </div>
        <div className="text-field">
          <label htmlFor={`${uid}-phone`}>{t('reasons.phone')}</label>
          <input
            id={`${uid}-phone`}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            {...describe('phone')}
            {...register('phone', { validate: (v) => !v.trim() || normalizePhone(v) !== null || t('errors.phoneInvalid') })}
          />
          <FieldError id={`${uid}-phone-error`} message={errors.phone?.message} />
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="button" className="secondary" onClick={back} disabled={saving}>
          {t('reasons.back')}
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? t('reasons.saving') : t('reasons.submit')}
        </button>
      </div>
      {confirmingDiscard && <DiscardDialog onKeep={() => setConfirmingDiscard(false)} onDiscard={onBack} />}
    </form>
  );
}
