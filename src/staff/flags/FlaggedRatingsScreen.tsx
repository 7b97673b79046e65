import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RATING_REVIEW_PATHS, type FlaggedRatingsResponse } from '../../domain/rating-review';
import { cstDate } from '../../domain/time';
import { apiRequest } from '../../account/api-client';
import { errorText } from '../../account/error-text';
import { useResource } from '../../account/useResource';
import { FlaggedCard } from './FlaggedCard';

const DAY = 86_400_000;
const cstMidnight = (date: string) => Date.parse(`${date}T00:00:00+08:00`);

/**
 * /staff → 异常评价: the ratings flagged in a period (China dates, the end day included), newest first, each with
 * why; supervision marks them, leads read their window's.
 */
export function FlaggedRatingsScreen() {
  const { t } = useTranslation('staff');
  const today = cstDate(Date.now());
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [onlyOpen, setOnlyOpen] = useState(false);
  const [query, setQuery] = useState({ from, to, onlyOpen });
  const list = useResource(
    () =>
      apiRequest<FlaggedRatingsResponse>(
        'GET',
        `${RATING_REVIEW_PATHS.list}?from=${cstMidnight(query.from)}&to=${cstMidnight(query.to) + DAY}&limit=200${query.onlyOpen ? '&state=open' : ''}`,
      ),
    [query.from, query.to, query.onlyOpen],
  );
  const data = list.data;
  return (
    <section className="ratings-screen flagged-screen">
      <div className="ratings-toolbar">
        <h1>{t('flags.title')}</h1>
      </div>
      <p className="hint">{t('flags.intro')}</p>
      {data && !data.canReview && <p className="hint">{t('flags.readOnly')}</p>}
      <form
        className="flag-period"
        onSubmit={(e) => {
          e.preventDefault();
          // The same period again is a refresh: the list may have changed since.
          if (query.from === from && query.to === to && query.onlyOpen === onlyOpen) list.reload();
          else setQuery({ from, to, onlyOpen });
        }}
      >
        <label>
          {t('flags.from')} <input type="date" value={from} max={to} required onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('flags.to')} <input type="date" value={to} min={from} required onChange={(e) => setTo(e.target.value)} />
        </label>
        <label className="toggle">
          <input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} /> {t('flags.onlyOpen')}
        </label>
        <button type="submit" disabled={list.loading}>
          {t('flags.show')}
        </button>
      </form>
      {list.error !== undefined && (
        <p className="form-failure" role="alert">
          {errorText(t, list.error)}
        </p>
      )}
      {data && (
        <p role="status" data-testid="flag-total">
          {t('flags.total', { count: data.total })}
          {data.total > data.items.length && ` · ${t('flags.shownOf', { shown: data.items.length })}`}
        </p>
      )}
      {data && data.items.length === 0 && <p className="staff-empty">{t('flags.empty')}</p>}
      <div className="rating-list">
        {data?.items.map((item) => <FlaggedCard key={item.rating.id} item={item} refs={data.refs} canReview={data.canReview} />)}
      </div>
    </section>
  );
}
