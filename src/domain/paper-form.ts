import { normalizePhone } from './contact';
import { uuidv7 } from './ids';
import { isBadLevel, type LevelKey } from './levels';
import type { Locale } from './locales';
import type { RatingRecord } from './rating';
import { MAX_COMMENT_LENGTH, MAX_OTHER_REASON_LENGTH, RATING_SCHEMA_VERSION } from './rating-limits';
import { paperEntryRefusal, PAPER_REFUSALS } from './paper-check';
import { OTHER_REASON } from './reasons';
import { cstDate } from './time';

/** The paper form as the tablet's form holds it: every field a string, as typed. */
export interface PaperFormValues {
  caseNumber: string;
  serviceItemId: string;
  windowId: string;
  staffId: string;
  serviceDate: string;
  level: LevelKey | '';
  reasons: string[];
  otherReason: string;
  comment: string;
  evaluatorName: string;
  evaluatorPhone: string;
  evaluatorCompany: string;
  /**
   * No longer a field of the form and never sent: the checker confirms the form from their own session (see
   * paper-check.ts). Kept so drafts saved before that change still load.
   */
  checkedBy: string;
  hasPhoto: boolean;
}

export const EMPTY_PAPER_FORM: PaperFormValues = {
  caseNumber: '',
  serviceItemId: '',
  windowId: '',
  staffId: '',
  serviceDate: '',
  level: '',
  reasons: [],
  otherReason: '',
  comment: '',
  evaluatorName: '',
  evaluatorPhone: '',
  evaluatorCompany: '',
  checkedBy: '',
  hasPhoto: false,
};

/** Why a field is wrong, as a message key the form translates (form:errors.<code>). */
export type PaperFieldError =
  | 'required'
  | 'tooLong'
  | 'reasonRequired'
  | 'otherRequired'
  | 'phoneInvalid'
  | 'dateInFuture'
  | 'dateTooOld'
  | 'dateInvalid'
  | 'notYourWindow'
  | 'ratesSelf';
export type PaperFormErrors = Partial<Record<keyof PaperFormValues, PaperFieldError>>;

const MAX_AGE_DAYS = 366;

/**
 * The rules of Attachment 1, shared by the form (messages next to each field) and, through the record schema,
 * the server. `today` is the date in China, so a form typed just after midnight is judged by China's calendar.
 */
export function validatePaperForm(v: PaperFormValues, ctx: { today: string; enteredBy: string; windowId: string | null }): PaperFormErrors {
  const e: PaperFormErrors = {};
  const required = ['caseNumber', 'serviceItemId', 'windowId', 'staffId', 'serviceDate', 'level'] as const;
  for (const f of required) if (!String(v[f]).trim()) e[f] = 'required';
  if (v.caseNumber.trim().length > 64) e.caseNumber = 'tooLong';
  if (v.serviceDate && !e.serviceDate) {
    const date = new Date(`${v.serviceDate}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.serviceDate) || Number.isNaN(date.getTime())) e.serviceDate = 'dateInvalid';
    else if (v.serviceDate > ctx.today) e.serviceDate = 'dateInFuture';
    else if ((Date.parse(`${ctx.today}T00:00:00Z`) - date.getTime()) / 86_400_000 > MAX_AGE_DAYS) e.serviceDate = 'dateTooOld';
  }
  if (v.level && isBadLevel(v.level)) {
    if (v.reasons.length === 0) e.reasons = 'reasonRequired';
    if (v.reasons.includes(OTHER_REASON) && !v.otherReason.trim()) e.otherReason = 'otherRequired';
  }
  if (v.otherReason.trim().length > MAX_OTHER_REASON_LENGTH) e.otherReason = 'tooLong';
  if (v.comment.trim().length > MAX_COMMENT_LENGTH) e.comment = 'tooLong';
  if (v.evaluatorName.trim().length > 40) e.evaluatorName = 'tooLong';
  if (v.evaluatorCompany.trim().length > 100) e.evaluatorCompany = 'tooLong';
  if (v.evaluatorPhone.trim() && normalizePhone(v.evaluatorPhone) === null) e.evaluatorPhone = 'phoneInvalid';
  // The server refuses these too (paperEntryRefusal); said here next to the field before anything is saved.
  if (v.windowId && !e.windowId && paperEntryRefusal({ id: ctx.enteredBy, windowId: ctx.windowId }, { windowId: v.windowId }) === PAPER_REFUSALS.notYourWindow) e.windowId = 'notYourWindow';
  if (v.staffId && v.staffId === ctx.enteredBy) e.staffId = 'ratesSelf';
  return e;
}

export interface PaperRecordContext {
  unitId: string;
  deviceId: string;
  enteredBy: string;
  locale: Locale;
}

/** The rating record of a valid paper form: channel PAPER, reasons kept only for a bad level. */
export function paperRecordFromForm(v: PaperFormValues, ctx: PaperRecordContext, now: number = Date.now()): RatingRecord {
  const level = v.level as LevelKey;
  const bad = isBadLevel(level);
  const reasons = bad ? v.reasons : [];
  const trimmed = (s: string) => s.trim() || undefined;
  const phone = v.evaluatorPhone.trim() ? (normalizePhone(v.evaluatorPhone) ?? undefined) : undefined;
  const contact = { name: trimmed(v.evaluatorName), phone, company: trimmed(v.evaluatorCompany) };
  return {
    id: uuidv7(now),
    v: RATING_SCHEMA_VERSION,
    level,
    reasons,
    otherReason: bad && reasons.includes(OTHER_REASON) ? trimmed(v.otherReason) : undefined,
    comment: trimmed(v.comment),
    contact: Object.values(contact).some(Boolean) ? contact : undefined,
    channel: 'PAPER',
    unitId: ctx.unitId,
    windowId: v.windowId,
    staffId: v.staffId,
    deviceId: ctx.deviceId,
    deviceTime: now,
    locale: ctx.locale,
    caseNumber: v.caseNumber.trim(),
    paper: {
      serviceItemId: v.serviceItemId,
      serviceDate: v.serviceDate,
      enteredBy: ctx.enteredBy,
      hasPhoto: v.hasPhoto,
    },
  };
}

/** Today in China, for the date rules. */
export const chinaToday = (now: number = Date.now()) => cstDate(now);

/** What makes two paper entries the same form: case, level and evaluator. */
export function paperFingerprint(r: { caseNumber?: string; level: string; contact?: { name?: string; phone?: string } }): string {
  return [r.caseNumber ?? '', r.level, r.contact?.name ?? '', r.contact?.phone ?? ''].join('|');
}

