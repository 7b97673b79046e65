import type { Contact } from '../../src/domain/contact';
import { scrubText } from '../../src/domain/scrub';
import { formatCstIso } from '../../src/domain/time';
import type { StoredRating } from '../store/store';

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRow {
  id: string;
  level: string;
  reasons: string[];
  otherReason: string | null;
  comment: string | null;
  channel: string;
  unitId: string;
  windowId: string;
  staffId: string | null;
  deviceId: string;
  deviceTime: string;
  ratedAt: string;
  receivedAt: string;
  contactName: string | null;
  contactPhone: string | null;
  contactCompany: string | null;
  caseNumber: string | null;
}

export const EXPORT_COLUMNS: (keyof ExportRow)[] = [
  'id', 'level', 'reasons', 'otherReason', 'comment', 'channel', 'unitId', 'windowId', 'staffId', 'deviceId',
  'deviceTime', 'ratedAt', 'receivedAt', 'contactName', 'contactPhone', 'contactCompany', 'caseNumber',
];

/**
 * Contact is masked and free text scrubbed of phone and ID numbers unless the operator asked for the contact
 * (then `revealed` holds it and `fullComment` the comment as written). Times are China Standard Time.
 */
export function toExportRow(r: StoredRating, revealed: Contact | null, fullComment: string | null = null): ExportRow {
  const shown = revealed ?? r.contact;
  const clear = revealed !== null;
  return {
    id: r.id,
    level: r.level,
    reasons: r.reasons,
    otherReason: r.otherReason ? (clear ? r.otherReason : scrubText(r.otherReason)) : null,
    // The stored comment is already the scrubbed copy; the full one comes only with a revealed contact.
    comment: (clear ? fullComment : null) ?? r.comment ?? null,
    channel: r.channel,
    unitId: r.unitId,
    windowId: r.windowId,
    staffId: r.staffId ?? null,
    deviceId: r.deviceId,
    deviceTime: formatCstIso(r.deviceTime),
    ratedAt: formatCstIso(r.ratedAt),
    receivedAt: formatCstIso(r.receivedAt),
    contactName: shown?.name ?? null,
    contactPhone: shown?.phone ?? null,
    contactCompany: shown?.company ?? null,
    caseNumber: r.caseNumber ?? null,
  };
}

// A cell starting with one of these is a formula to a spreadsheet; a leading apostrophe keeps it text.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: quoted when needed, a formula start defused. */
export function csvCell(value: string | number | boolean | string[] | null): string {
  if (value === null) return '';
  let s = Array.isArray(value) ? value.join(';') : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return EXPORT_COLUMNS.join(',');
}

export function csvLine(row: ExportRow): string {
  return EXPORT_COLUMNS.map((c) => csvCell(row[c])).join(',');
}

export function ndjsonLine(row: ExportRow): string {
  return JSON.stringify(row);
}
