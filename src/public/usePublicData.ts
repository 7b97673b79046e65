import { useEffect, useState } from 'react';
import type { PublicMonthFigures, PublicReviews, PublicTrend, PublicUnits } from '../domain/public-api';
import { fetchMonth, fetchReviews, fetchTrend, fetchUnits } from './public-client';

export interface UnitData {
  unitId: string;
  month: string;
  figures: PublicMonthFigures;
  trend: PublicTrend;
  reviews: PublicReviews;
}

export interface Loaded<T> {
  data: T | null;
  /** The last attempt failed (the previous answer, if any, stays shown). */
  failed: boolean;
}

/** The disclosed units; asked again whenever `tick` changes (the display mode's cycle). */
export function usePublicUnits(tick: number): Loaded<PublicUnits> {
  const [state, setState] = useState<Loaded<PublicUnits>>({ data: null, failed: false });
  useEffect(() => {
    let live = true;
    void fetchUnits().then((r) => {
      if (!live) return;
      setState((s) => (r.kind === 'ok' ? { data: r.body, failed: false } : { data: s.data, failed: true }));
    });
    return () => {
      live = false;
    };
  }, [tick]);
  return state;
}

/** One unit's month (figures, 12-month trend, published reviews), the newest request winning. */
export function useUnitData(unitId: string | null, month: string | null, tick: number): Loaded<UnitData> {
  const [state, setState] = useState<Loaded<UnitData>>({ data: null, failed: false });
  useEffect(() => {
    if (!unitId || !month) return;
    let live = true;
    void Promise.all([fetchMonth(unitId, month), fetchTrend(unitId, month), fetchReviews(unitId, month)]).then(([f, t, r]) => {
      if (!live) return;
      if (f.kind === 'ok' && t.kind === 'ok' && r.kind === 'ok') setState({ data: { unitId, month, figures: f.body, trend: t.body, reviews: r.body }, failed: false });
      else setState((s) => ({ data: s.data, failed: true }));
    });
    return () => {
      live = false;
    };
  }, [unitId, month, tick]);
  return state;
}
