import type { TFunction } from 'i18next';
import type { MonthCloseResponse } from '../../domain/figures/month-close-api';
import type { LocalizedText } from '../../domain/locales';
import { cstDate } from '../../domain/time';

/** What the month close screens say about months, rows, figures and changed fields (namespace monthClose). */

/** The browser event the screen sends after a submission, so the reminder at the top reads its list again. */
export const MONTH_CLOSE_SUBMITTED_EVENT = 'hcp:month-close-submitted';

export function monthLabel(t: TFunction, month: string): string {
  return t('monthClose:monthLabel', { year: month.slice(0, 4), month: String(Number(month.slice(5, 7))) });
}

/** The last day on time (the 9th, China date): the deadline is 00:00 CST on the 10th. */
export const lastOnTimeDay = (deadline: number) => cstDate(deadline - 1);

type Refs = MonthCloseResponse['refs'];
type RowRef = { scope: string; unitId: string | null; windowId: string | null; staffId: string | null };

export function rowLabel(t: TFunction, row: RowRef, refs: Refs, label: (text: LocalizedText) => string): string {
  if (row.scope === 'all') return t('monthClose:table.all');
  if (row.scope === 'window') {
    const w = refs.windows.find((x) => x.id === row.windowId);
    return w ? t('monthClose:table.windowRow', { number: w.number, name: label(w.name) }) : (row.windowId ?? '');
  }
  if (row.scope === 'staff') {
    const s = refs.staff.find((x) => x.id === row.staffId);
    return s ? t('monthClose:table.staffRow', { name: s.name, employeeNo: s.employeeNo }) : (row.staffId ?? '');
  }
  const u = refs.units.find((x) => x.id === row.unitId);
  return u ? label(u.name) : (row.unitId ?? '');
}

export function windowLabel(t: TFunction, windowId: string, refs: Refs, label: (text: LocalizedText) => string): string {
  return rowLabel(t, { scope: 'window', unitId: null, windowId, staffId: null }, refs, label);
}

/** "total" → 评价总数; "byLevel.SATISFIED" → 等级：满意. */
export function cellLabel(t: TFunction, cell: string): string {
  const [group, key] = cell.split('.');
  if (!key) return t(`monthClose:cells.${group}`);
  const names = group === 'byLevel' ? 'levels' : group === 'byChannel' ? 'channels' : 'paths';
  return t(`monthClose:cells.${group}`, { name: t(`monthClose:${names}.${key}`) });
}

/** A changed field of a rating's signature, "已回访：否 → 是". */
export function fieldChange(t: TFunction, field: string, before: unknown, after: unknown, fmt: (field: string, value: unknown) => string): string {
  return `${t(`monthClose:fields.${field}`)}: ${fmt(field, before)} → ${fmt(field, after)}`;
}

export function valueText(t: TFunction, field: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return t(value ? 'monthClose:yes' : 'monthClose:no');
  if (field === 'state') return t(`monthClose:states.${String(value)}`);
  if (field === 'level') return t(`monthClose:levels.${String(value)}`);
  if (field === 'channel') return t(`monthClose:channels.${String(value)}`);
  if (field === 'handling.path') return t(`monthClose:paths.${String(value)}`);
  return String(value);
}
