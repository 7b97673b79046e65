import { useEffect } from 'react';
import { apiRequest } from '../../account/api-client';
import { useResource } from '../../account/useResource';
import type { MonthClosesResponse } from '../../domain/figures/month-close-api';
import { REPORT_PATHS } from '../../domain/figures/reports-api';
import { MONTH_CLOSE_SUBMITTED_EVENT } from './labels';

/**
 * The office's months to close, read again whenever a month is submitted on this page (the reminder and the list
 * then agree at once). `corrections`: also count what changed since each month's latest version (costs a read).
 */
export function useMonthCloses({ corrections = false, pollMs }: { corrections?: boolean; pollMs?: number } = {}) {
  const path = corrections ? `${REPORT_PATHS.monthCloses}?corrections=1` : REPORT_PATHS.monthCloses;
  const list = useResource(() => apiRequest<MonthClosesResponse>('GET', path), [path], { pollMs });
  const { reload } = list;
  useEffect(() => {
    const again = () => void reload();
    window.addEventListener(MONTH_CLOSE_SUBMITTED_EVENT, again);
    return () => window.removeEventListener(MONTH_CLOSE_SUBMITTED_EVENT, again);
  }, [reload]);
  return list;
}
