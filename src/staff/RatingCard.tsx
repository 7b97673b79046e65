import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../domain/contact';
import { isBadLevel } from '../domain/levels';
import { pickLabel } from '../domain/locales';
import { revealContactPath, type ContactReveal, type RatingListItem, type RatingListRefs } from '../domain/ratings-api';
import { formatCstMinute } from '../domain/time';
import { apiRequest } from '../account/api-client';
import { errorText } from '../account/error-text';
import { currentLocale } from '../i18n';

interface Props {
  item: RatingListItem;
  refs: RatingListRefs;
  offline: boolean;
}

// A run of stars is what scrubbing leaves where it hid a number.
const MASKED = /\*{3,}/;

/** One rating: level, when, where, who, reasons and comment; contact masked until a logged reveal. */
export function RatingCard({ item, refs, offline }: Props) {
  const { t } = useTranslation('staff');
  const locale = currentLocale();
  const [revealed, setRevealed] = useState<Contact | null>(null);
  // Lists carry the comment with phone and ID numbers masked; a reveal brings the full one when it differs.
  const [revealedComment, setRevealedComment] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const bad = isBadLevel(item.level);
  const window = refs.windows.find((w) => w.id === item.windowId);
  const staff = refs.staff.find((s) => s.id === item.staffId);
  const reasonLabel = (key: string) => {
    const r = refs.reasons.find((x) => x.key === key);
    return r ? pickLabel(r.label, locale) : key;
  };

  const reveal = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const answer = await apiRequest<ContactReveal>('POST', revealContactPath(item.id));
      setRevealed(answer.contact);
      setRevealedComment(answer.comment ?? null);
    } catch (err) {
      setFailure(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const contact = revealed ?? item.contact;
  return (
    <article className={`rating-card${bad ? ' rating-bad' : ''}${item.review?.verdict === 'INVALID' ? ' rating-invalid' : ''}`} data-rating-id={item.id}>
      <header>
        <span className={`level-chip level-${item.level.toLowerCase()}`}>{t(`kiosk:level.${item.level}`)}</span>
        {bad && <span className="bad-badge">{t('ratings.badge')}</span>}
        {item.review && (
          <span className={`review-badge review-${item.review.verdict.toLowerCase()}`} data-testid="review-mark">
            {t(item.review.verdict === 'INVALID' ? 'ratings.invalid' : 'ratings.valid')}
          </span>
        )}
        <time dateTime={new Date(item.ratedAt).toISOString()}>{formatCstMinute(item.ratedAt)}</time>
      </header>
      {item.review?.note && <p className="review-note">{t('ratings.reviewNote', { note: item.review.note })}</p>}
      <p className="rating-where">
        {window && t('ratings.window', { number: window.number })}
        {staff && ` · ${t('ratings.staff', { name: staff.name, no: staff.employeeNo })}`}
      </p>
      {item.reasons.length > 0 && (
        <p>
          <strong>{t('ratings.reasons')}：</strong>
          {item.reasons.filter((k) => k !== 'OTHER').map(reasonLabel).join('；')}
          {item.otherReason && `${item.reasons.length > 1 ? '；' : ''}${t('ratings.other', { text: item.otherReason })}`}
        </p>
      )}
      {(revealedComment ?? item.comment) && (
        <p>
          <strong>{t('ratings.comment')}：</strong>
          <span data-testid="comment">{revealedComment ?? item.comment}</span>
          {!revealedComment && item.canReveal && MASKED.test(item.comment ?? '') && <span className="hint"> {t('ratings.commentMasked')}</span>}
        </p>
      )}
      {bad && (
        <div className="rating-contact">
          <strong>{t('ratings.contact')}：</strong>
          {contact ? (
            <span data-testid="contact">
              {[contact.name, contact.phone, contact.company].filter(Boolean).join(' · ')}
              {revealed?.phone && (
                <>
                  {' '}
                  <a href={`tel:${revealed.phone}`}>{t('ratings.call', { phone: revealed.phone })}</a>
                </>
              )}
            </span>
          ) : (
            <span>{t('ratings.anonymous')}</span>
          )}
          {item.canReveal && !revealed && (
            <button type="button" onClick={reveal} disabled={busy || offline} title={t('ratings.revealNote')}>
              {t('ratings.reveal')}
            </button>
          )}
          {revealed && <span className="hint"> {t('ratings.revealed')}</span>}
          {item.canReveal && !revealed && <p className="hint">{t('ratings.revealNote')}</p>}
          {failure && (
            <p className="form-failure" role="alert">
              {failure}
            </p>
          )}
        </div>
      )}
    </article>
  );
}
