import type { TFunction } from 'i18next';
import type { Rate } from '../../domain/figures/attachment2';
import type { RankingsResponse } from '../../domain/figures/rankings-api';
import { pickLabel, type Locale } from '../../domain/locales';

export type Refs = RankingsResponse['refs'];

/** Names of the places and people an answer names, in the reader's language (an id left by a deleted row said as such). */
export function namer(refs: Refs, locale: Locale, t: TFunction) {
  const unit = (id: string) => {
    const u = refs.units.find((x) => x.id === id);
    return u ? pickLabel(u.name, locale) : t('rankings:unknown', { id });
  };
  const window = (id: string) => {
    const w = refs.windows.find((x) => x.id === id);
    return w ? t('rankings:window', { unit: unit(w.unitId), name: pickLabel(w.name, locale) }) : t('rankings:unknown', { id });
  };
  const place = (p: { unitId: string; windowId: string | null }) => (p.windowId === null ? unit(p.unitId) : window(p.windowId));
  const staff = (id: string | null) => {
    if (id === null) return '—';
    const s = refs.staff.find((x) => x.id === id);
    return s ? `${s.name}（${s.employeeNo}）` : t('rankings:unknown', { id });
  };
  return { unit, window, place, staff };
}

/** "12.50%（1/8）": the rate beside what it is made of (0/0 is "—", never 100%). */
export function rateText(t: TFunction, r: Rate): string {
  return r.percent === null ? t('rankings:noRate', { numerator: r.numerator, denominator: r.denominator }) : t('rankings:rate', { numerator: r.numerator, denominator: r.denominator, percent: `${r.percent.toFixed(2)}%` });
}
