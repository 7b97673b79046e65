import type { AnnualRefs } from '../../domain/figures/annual-api';
import { pickLabel, type Locale } from '../../domain/locales';

/** Names for the report's ids in the reader's language (an id the refs do not know is shown as it is). */
export interface Names {
  unit(id: string): string;
  window(id: string): string;
  staff(id: string | null | undefined): string;
  reason(key: string): string;
  item(id: string | null): string | null;
}

export function namesOf(refs: AnnualRefs, locale: Locale): Names {
  const units = new Map(refs.units.map((u) => [u.id, pickLabel(u.name, locale)]));
  const windows = new Map(refs.windows.map((w) => [w.id, `${w.number} ${pickLabel(w.name, locale)}`]));
  const staff = new Map(refs.staff.map((s) => [s.id, s.name]));
  const reasons = new Map(refs.reasons.map((r) => [r.key, pickLabel(r.label, locale)]));
  const items = new Map(refs.serviceItems.map((i) => [i.id, pickLabel(i.name, locale)]));
  return {
    unit: (id) => units.get(id) ?? id,
    window: (id) => windows.get(id) ?? id,
    staff: (id) => (id ? (staff.get(id) ?? id) : '—'),
    reason: (key) => reasons.get(key) ?? key,
    item: (id) => (id ? (items.get(id) ?? id) : null),
  };
}
