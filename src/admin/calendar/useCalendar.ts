import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, ApiRequestError } from '../../account/api-client';
import { adminErrorText } from '../shared/admin-errors';
import { ADMIN_CALENDAR_PATH, type CalendarAnswer } from './calendar-view';

export interface CalendarState {
  calendar: CalendarAnswer | null;
  loading: boolean;
  /** The last load's refusal; the previous tables stay shown under it. */
  failure: string | null;
  reload(): Promise<void>;
}

/**
 * The working-day tables and the years missing one. Loaded with the tabs (not only with the calendar tab), so the
 * tab itself can carry a warning badge while this year's or next year's list has not been entered.
 */
export function useCalendar(onSignedOut: () => void): CalendarState {
  const { t } = useTranslation('admin');
  const [calendar, setCalendar] = useState<CalendarAnswer | null>(null);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const inFlight = useRef(false);
  const signedOut = useRef(onSignedOut);
  useEffect(() => {
    signedOut.current = onSignedOut;
  });

  const reload = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setLoading(true);
    try {
      const answer = await apiRequest<CalendarAnswer>('GET', ADMIN_CALENDAR_PATH);
      setCalendar({ years: [...answer.years].sort((a, b) => a.year - b.year), missingYears: [...answer.missingYears].sort((a, b) => a - b) });
      setFailure(null);
    } catch (err) {
      setFailure(adminErrorText(t, err));
      if (err instanceof ApiRequestError && err.status === 401) signedOut.current();
    } finally {
      inFlight.current = false;
      setLoading(false);
    }
  }, [t]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { calendar, loading, failure, reload };
}
