import type { TFunction } from 'i18next';
import type { Bulletin } from '../../domain/figures/bulletin-api';
import type { SentenceNames } from '../../domain/figures/bulletin-summary';
import { QUARTER_PATTERN } from '../../domain/figures/quarter';
import type { LocalizedText } from '../../domain/locales';

export interface BulletinNames extends SentenceNames {
  unit(id: string): string;
}

/** "2026年第3季度" / "Q3 2026": a quarter in the reader's language. */
export function quarterName(t: TFunction, quarter: string): string {
  const m = QUARTER_PATTERN.exec(quarter);
  return m ? t('bulletin:quarterName', { year: m[1], n: m[2] }) : quarter;
}

/** What the figures name (units, windows, service items, reasons, quarters) in the reader's language. */
export function bulletinNames(b: Bulletin, t: TFunction, label: (text: LocalizedText) => string): BulletinNames {
  const units = new Map(b.refs.units.map((u) => [u.id, label(u.name)]));
  const windows = new Map(b.refs.windows.map((w) => [w.id, t('bulletin:windowName', { number: w.number, name: label(w.name) })]));
  const items = new Map(b.refs.serviceItems.map((s) => [s.id, label(s.name)]));
  const reasons = new Map(b.refs.reasons.map((r) => [r.key, label(r.label)]));
  const unit = (id: string) => units.get(id) ?? id;
  const window = (id: string) => windows.get(id) ?? id;
  const scope =
    b.scope.kind === 'all' ? t('bulletin:scopeAll') : b.scope.kind === 'unit' ? unit(b.scope.unitId!) : t('bulletin:scopeWindow', { unit: unit(b.scope.unitId!), window: window(b.scope.windowId!) });
  return {
    scope,
    unit,
    window,
    item: (id) => (id === null ? t('bulletin:noServiceItem') : (items.get(id) ?? id)),
    reason: (key) => reasons.get(key) ?? key,
    quarter: (q) => quarterName(t, q),
  };
}
