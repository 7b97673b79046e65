import { useTranslation } from 'react-i18next';
import { pickLabel, type Locale } from '../domain/locales';
import type { PublicReview } from '../domain/public-api';
import { currentLocale } from '../i18n';

const LIST_SEPARATOR: Record<Locale, string> = { 'zh-CN': '、', en: ', ', bo: '། ' };

/** A published bad review: its level, reasons, outcome, window (工号 only where the unit allows), approved comment. */
function outcomeText(t: (k: string) => string, r: PublicReview): string {
  if (r.outcome.path === null) return t('outcomes.PENDING');
  if (r.outcome.path === 'NOT_ADOPTED' && r.outcome.notAdoptedReason) return `${t('outcomes.NOT_ADOPTED')} · ${t(`notAdopted.${r.outcome.notAdoptedReason}`)}`;
  return t(`outcomes.${r.outcome.path}`);
}

export function ReviewList({ reviews, limit }: { reviews: PublicReview[]; limit?: number }) {
  const { t } = useTranslation('public');
  const locale = currentLocale();
  if (reviews.length === 0) return <p className="public-empty">{t('reviews.none')}</p>;
  const shown = limit === undefined ? reviews : reviews.slice(0, limit);
  return (
    <ul className="public-reviews">
      {shown.map((r, i) => (
        <li key={i} className={`public-review level-${r.level.toLowerCase()}`}>
          <p className="public-review-head">
            <span className="public-review-level">{t(`levels.${r.level}`)}</span>
            <span>{r.date}</span>
            <span>{t('reviews.window', { number: r.windowNumber })}</span>
            {r.employeeNo !== null && <span>{t('reviews.staff', { no: r.employeeNo })}</span>}
          </p>
          {r.reasons.length > 0 && (
            <p>{t('reviews.reasons', { list: r.reasons.map((x) => pickLabel(x.label, locale)).join(LIST_SEPARATOR[locale]) })}</p>
          )}
          <p>{t('reviews.outcome', { text: outcomeText(t, r) })}</p>
          {r.comment !== null && <blockquote className="public-review-comment">{r.comment}</blockquote>}
        </li>
      ))}
    </ul>
  );
}
