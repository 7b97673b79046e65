import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../account/api-client';
import { errorText } from '../../account/error-text';
import { API, buildPath } from '../../domain/endpoints';
import type { PublicationDecision, PublicationItem, PublicationList, PublicationVerdict } from '../../domain/comment-publication';
import { pickLabel } from '../../domain/locales';
import { formatCstMinute } from '../../domain/time';
import { currentLocale } from '../../i18n';

interface Props {
  item: PublicationItem;
  refs: PublicationList['refs'];
  /** After a decision: the lists are read again (the item moves from waiting to decided). */
  onDecided(): void;
}

/**
 * One comment for /public: level, reasons and the text exactly as it would be published (the server's scrub; the
 * comment itself never comes here), with approve / decline while waiting, withdraw once approved.
 */
export function PublicationCard({ item, refs, onDecided }: Props) {
  const { t } = useTranslation('disclosure');
  const locale = currentLocale();
  const [decision, setDecision] = useState<PublicationDecision | null>(item.decision);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const window = refs.windows.find((w) => w.id === item.windowId);
  const reasonLabel = (key: string) => {
    const r = refs.reasons.find((x) => x.key === key);
    return r ? pickLabel(r.label, locale) : key;
  };

  const decide = async (verdict: PublicationVerdict) => {
    setBusy(true);
    setFailure(null);
    try {
      const answer = await apiRequest<{ decision: PublicationDecision }>('POST', buildPath(API.decideCommentPublication.path, { id: item.ratingId }), { json: { verdict } });
      setDecision(answer.decision);
      onDecided();
    } catch (err) {
      setFailure(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const preview = decision ? decision.scrubbedText : item.preview;
  return (
    <article className="rating-card rating-bad publication-card" data-publication-id={item.ratingId}>
      <header>
        <span className={`level-chip level-${item.level.toLowerCase()}`}>{t(`kiosk:level.${item.level}`)}</span>
        <span className="hint">
          {window ? t('window', { number: window.number, name: pickLabel(window.name, locale) }) : item.windowId} · {formatCstMinute(item.ratedAt)}
        </span>
      </header>
      <p>
        <strong>{t('reasons')}</strong> {item.reasons.map(reasonLabel).join('、')}
      </p>
      {preview !== null ? (
        <figure className="publication-preview">
          <figcaption>{t(decision?.verdict === 'APPROVED' ? 'published' : 'preview')}</figcaption>
          <blockquote data-testid="publication-preview">{preview}</blockquote>
        </figure>
      ) : (
        <p className="hint">{t('nothingKept')}</p>
      )}
      {decision && (
        <p className="hint" data-testid="publication-decision">
          {t(`decided${decision.verdict}`, { name: decision.byName ?? decision.by, time: formatCstMinute(decision.at) })}
        </p>
      )}
      <div className="publication-actions">
        {decision === null && (
          <>
            <button type="button" disabled={busy} onClick={() => void decide('APPROVED')}>
              {t('approve')}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => void decide('DECLINED')}>
              {t('decline')}
            </button>
          </>
        )}
        {decision?.verdict === 'APPROVED' && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void decide('DECLINED')}>
            {t('withdraw')}
          </button>
        )}
      </div>
      {failure && (
        <p className="form-failure" role="alert">
          {failure}
        </p>
      )}
    </article>
  );
}
