import { LOCALES, type LocalizedText } from '../../domain/locales';

// Pure helpers the admin forms share: what they send is derived here, so it can be tested without a browser.

export const emptyLabel = (): LocalizedText => ({ 'zh-CN': '', bo: '', en: '' });

export function trimLabel(text: LocalizedText): LocalizedText {
  return Object.fromEntries(LOCALES.map((l) => [l, text[l].trim()])) as LocalizedText;
}

/**
 * The fields of an edit form whose value differs from what the form started with, so a PATCH names only what
 * the administrator changed (and the audit log records just those fields).
 */
export function changedFields<T extends object>(values: T, initial: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(values) as (keyof T)[]) {
    // A PATCH cannot unset a field: a value left empty (undefined) is no change.
    if (values[key] !== undefined && JSON.stringify(values[key]) !== JSON.stringify(initial[key])) out[key] = values[key];
  }
  return out;
}

/** A number input's text as the optional sort order the API takes: empty is "not given". */
export function parseSortOrder(raw: unknown): number | undefined {
  if (raw === '' || raw === undefined || raw === null) return undefined;
  return typeof raw === 'number' ? raw : Number(String(raw).trim());
}

export const MAX_SORT_ORDER = 1_000_000;
export const isValidSortOrder = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n >= 0 && n <= MAX_SORT_ORDER);

/** 工号 as the server's EmployeeNoSchema takes it (after trimming). */
export const EMPLOYEE_NO = /^[A-Za-z0-9-]{2,20}$/;
/** Reason keys as ReasonKeySchema takes them: NO_PARKING. */
export const REASON_KEY = /^[A-Z][A-Z0-9_]{1,39}$/;
