import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../domain/account-api';
import { isBadLevel } from '../domain/levels';
import { ratingScope } from '../domain/roles';
import { formatCstMinute } from '../domain/time';
import type { KioskDatabase } from '../data/db';
import { errorText } from '../account/error-text';
import { RatingCard } from './RatingCard';
import { useStaffRatings } from './useStaffRatings';

const TITLES = { staff: 'ratings.titleOwn', window: 'ratings.titleWindow', all: 'ratings.titleAll' } as const;

/** The ratings in this person's scope: their own, their window's, or every unit's. */
export function RatingsScreen({ db, me }: { db: KioskDatabase; me: Me }) {
  const { t } = useTranslation('staff');
  const scope = ratingScope(me);
  const ratings = useStaffRatings(db, me);
  const [onlyBad, setOnlyBad] = useState(false);
  if (!scope) return <p className="staff-empty">{t('ratings.noScope')}</p>;
  const items = (ratings.response?.items ?? []).filter((r) => !onlyBad || isBadLevel(r.level));
  const when = ratings.fetchedAt ? formatCstMinute(ratings.fetchedAt) : '';
  return (
    <section className="ratings-screen">
      <div className="ratings-toolbar">
        <h1>{t(TITLES[scope.kind])}</h1>
        <label className="toggle">
          <input type="checkbox" checked={onlyBad} onChange={(e) => setOnlyBad(e.target.checked)} /> {t('ratings.onlyBad')}
        </label>
        <button type="button" onClick={ratings.reload} disabled={ratings.loading}>
          {t('ratings.reload')}
        </button>
      </div>
      {ratings.fromCache ? (
        <p className="offline-note" role="status">
          {t('ratings.offlineCopy', { time: when })}
        </p>
      ) : (
        when && <p className="hint">{t('ratings.fetchedAt', { time: when })}</p>
      )}
      {ratings.error !== undefined && (
        <p className="form-failure" role="alert">
          {errorText(t, ratings.error)}
        </p>
      )}
      {ratings.response && items.length === 0 && <p className="staff-empty">{t('ratings.empty')}</p>}
      <div className="rating-list">
        {ratings.response && items.map((item) => <RatingCard key={item.id} item={item} refs={ratings.response!.refs} offline={ratings.fromCache} />)}
      </div>
      {ratings.response?.nextBefore && !ratings.fromCache && (
        <button type="button" onClick={ratings.loadMore} disabled={ratings.loading}>
          {t('ratings.loadMore')}
        </button>
      )}
    </section>
  );
}
