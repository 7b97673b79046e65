import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../account/api-client';
import { errorText } from '../../account/error-text';
import { useResource } from '../../account/useResource';
import { COMMENT_PUBLICATION_PATHS, type PublicationList } from '../../domain/comment-publication';
import { PublicationCard } from './PublicationCard';
import './disclosure.css';

/**
 * /staff → 公开审核 (issue 16): the comments evaluators allowed to publish, in the person's scope (a lead their
 * window, the office every unit), waiting for a decision; then those decided, an approval withdrawable.
 */
export function DisclosureScreen() {
  const { t } = useTranslation('disclosure');
  const list = useResource(() => apiRequest<PublicationList>('GET', COMMENT_PUBLICATION_PATHS.list), []);
  const data = list.data;
  return (
    <section className="ratings-screen disclosure-screen">
      <div className="ratings-toolbar">
        <h1>{t('title')}</h1>
        <button type="button" className="secondary" disabled={list.loading} onClick={list.reload}>
          {t('refresh')}
        </button>
      </div>
      <p className="hint">{t('intro')}</p>
      {list.error !== undefined && (
        <p className="form-failure" role="alert">
          {errorText(t, list.error)}
        </p>
      )}
      {data && (
        <>
          <h2>{t('waitingTitle', { count: data.waiting.length })}</h2>
          {data.waiting.length === 0 && <p className="staff-empty">{t('waitingEmpty')}</p>}
          <div className="rating-list" data-testid="publication-waiting">
            {data.waiting.map((item) => (
              <PublicationCard key={item.ratingId} item={item} refs={data.refs} onDecided={list.reload} />
            ))}
          </div>
          <h2>{t('decidedTitle')}</h2>
          {data.decided.length === 0 && <p className="staff-empty">{t('decidedEmpty')}</p>}
          <div className="rating-list" data-testid="publication-decided">
            {data.decided.map((item) => (
              // Keyed by its decision too: a withdrawal made elsewhere shows once the list is read again.
              <PublicationCard key={`${item.ratingId}-${item.decision?.verdict}`} item={item} refs={data.refs} onDecided={list.reload} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
