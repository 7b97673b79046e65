import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../domain/account-api';
import { ABANDONED_TAP_PATHS, abandonedTapScope, cstMonth, type AbandonedTapCountsResponse } from '../domain/abandoned-taps';
import { apiRequest } from '../account/api-client';

/**
 * For leads (their window) and supervision (all windows): how many bad levels were tapped at the kiosks this
 * month and then left at the reason screen. A count only: nothing of the citizens behind it exists anywhere.
 */
export function AbandonedTapsLine({ me, refresh }: { me: Me; refresh?: number }) {
  const { t } = useTranslation('cases');
  const [answer, setAnswer] = useState<AbandonedTapCountsResponse>();
  const allowed = abandonedTapScope(me) !== null;
  useEffect(() => {
    if (!allowed) return;
    let live = true;
    apiRequest<AbandonedTapCountsResponse>('GET', ABANDONED_TAP_PATHS.counts)
      .then((a) => live && setAnswer(a))
      .catch(() => undefined); // offline: the line is left out rather than shown stale
    return () => {
      live = false;
    };
  }, [allowed, refresh]);
  if (!allowed || !answer) return null;
  const month = cstMonth(Date.now());
  const thisMonth = answer.counts.filter((c) => c.month === month);
  const total = thisMonth.reduce((n, c) => n + c.count, 0);
  const byWindow = abandonedTapScope(me)?.kind === 'all' && thisMonth.length > 0;
  const number = (id: string) => answer.windows.find((w) => w.id === id)?.number ?? id;
  return (
    <p className="case-figures abandoned-taps" data-testid="abandoned-taps" data-count={total}>
      {t('abandonedTaps', { count: total, month })}
      {byWindow && ` ${thisMonth.map((c) => t('abandonedTapsWindow', { number: number(c.windowId), count: c.count })).join(t('listSeparator'))}`}
      <span className="note"> {t('abandonedTapsNote')}</span>
    </p>
  );
}
