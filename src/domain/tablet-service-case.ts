import * as z from 'zod/mini';
import { CatalogIdSchema, UuidV7Schema } from './base-schemas';
import { uuidv7 } from './ids';
import { ApplicantTypeSchema, CaseNoSchema, CASE_NO_MAX, checkTimes, ServiceCaseStatusSchema, type ApplicantType, type ServiceCaseStatus } from './service-case';
import { CST_OFFSET_MS } from './time';

// A 办件 (serviceCase) typed in by window staff on their tablet, offline like the paper form: one record per entry,
// queued in the outbox stream 'serviceCase' and pushed with the person's session to PUSH_TABLET_SERVICE_CASES_PATH.
// The server keeps it with source TABLET under the person's unit, window and own id (never another's).

export { PUSH_TABLET_SERVICE_CASES_PATH } from './sync-constants';

/**
 * How long ahead of the server's clock an accepted or finished time may lie: a tablet's clock a little fast, a
 * minute typed rounded up. Anything later is a typing mistake (a wrong day or hour), refused per item.
 */
export const TABLET_TIME_SKEW_MS = 10 * 60_000;

const epochMs = z.int().check(z.positive());

/**
 * The outbox record. `id` is made on the tablet (UUIDv7) so a resend is the same entry; the server's key is
 * still unit + 办件编号, so an entry corrected later updates the same 办件. `enteredBy`, `unitId` and `windowId` are
 * the typist's, checked against the session on arrival.
 */
export const TabletServiceCaseSchema = z
  .strictObject({
    id: UuidV7Schema,
    caseNo: CaseNoSchema,
    serviceItemId: CatalogIdSchema,
    unitId: CatalogIdSchema,
    windowId: CatalogIdSchema,
    enteredBy: CatalogIdSchema,
    applicantType: ApplicantTypeSchema,
    status: ServiceCaseStatusSchema,
    acceptedAt: epochMs,
    finishedAt: z.nullable(epochMs),
    /** The tablet's clock when it was saved. */
    enteredAt: epochMs,
  })
  .check(z.superRefine((c, ctx) => checkTimes(c, ctx)));
export type TabletServiceCase = z.infer<typeof TabletServiceCaseSchema>;

/** What the form holds: times as `datetime-local` values read as China wall clock ("2026-11-30T09:15"). */
export interface ServiceCaseFormValues {
  caseNo: string;
  serviceItemId: string;
  applicantType: '' | ApplicantType;
  status: '' | ServiceCaseStatus;
  acceptedAt: string;
  finishedAt: string;
}

export const EMPTY_SERVICE_CASE_FORM: ServiceCaseFormValues = { caseNo: '', serviceItemId: '', applicantType: '', status: '', acceptedAt: '', finishedAt: '' };

/** Why a field is wrong, as a message key the form translates (serviceCases:errors.<code>). */
export type ServiceCaseFieldError = 'required' | 'tooLong' | 'unknownItem' | 'timeInvalid' | 'inFuture' | 'beforeAccepted' | 'finishRequired' | 'notYetFinished';
export type ServiceCaseFormErrors = Partial<Record<keyof ServiceCaseFormValues, ServiceCaseFieldError>>;

const LOCAL_MINUTE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2026-11-30T09:15" read as China time → Unix ms; null when it is not a real minute (31 February included). */
export function chinaWallClockToMs(value: string): number | null {
  const m = LOCAL_MINUTE.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1, 6).map(Number);
  const utc = Date.UTC(y, mo - 1, d, h, mi, Number(m[6] ?? 0));
  const back = new Date(utc);
  // Date.UTC rolls 31 February into March: a date not in the calendar is refused, not moved.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return null;
  return utc - CST_OFFSET_MS;
}

/** Unix ms → the China wall-clock minute a `datetime-local` input shows. */
export const msToChinaWallClock = (ms: number): string => new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 16);

/**
 * The rules of a 办件 typed on the tablet, next to each field before anything is saved. The server holds the same
 * record to the schema's time rules and the catalogue; `now` is the tablet's clock.
 */
export function validateServiceCaseForm(v: ServiceCaseFormValues, ctx: { now: number; serviceItemIds: readonly string[] }): ServiceCaseFormErrors {
  const e: ServiceCaseFormErrors = {};
  for (const f of ['caseNo', 'serviceItemId', 'applicantType', 'status', 'acceptedAt'] as const) if (!v[f].trim()) e[f] = 'required';
  if (v.caseNo.trim().length > CASE_NO_MAX) e.caseNo = 'tooLong';
  if (v.serviceItemId && !ctx.serviceItemIds.includes(v.serviceItemId)) e.serviceItemId = 'unknownItem';
  const latest = ctx.now + TABLET_TIME_SKEW_MS;
  const accepted = v.acceptedAt.trim() ? chinaWallClockToMs(v.acceptedAt) : null;
  if (v.acceptedAt.trim() && accepted === null) e.acceptedAt = 'timeInvalid';
  else if (accepted !== null && accepted > latest) e.acceptedAt = 'inFuture';
  const finished = v.finishedAt.trim() ? chinaWallClockToMs(v.finishedAt) : null;
  if (v.finishedAt.trim() && finished === null) e.finishedAt = 'timeInvalid';
  else if (finished !== null && finished > latest) e.finishedAt = 'inFuture';
  else if (finished !== null && accepted !== null && finished < accepted) e.finishedAt = 'beforeAccepted';
  else if (v.status === 'FINISHED' && !v.finishedAt.trim()) e.finishedAt = 'finishRequired';
  // Still being handled: a finishing time would make the default 满意 fall due for a 办件 nobody finished.
  else if ((v.status === 'ACCEPTED' || v.status === 'IN_PROGRESS') && v.finishedAt.trim()) e.finishedAt = 'notYetFinished';
  return e;
}

export interface TabletServiceCaseContext {
  unitId: string;
  windowId: string;
  enteredBy: string;
}

/** A valid form → the outbox record (run validateServiceCaseForm first: this only converts). */
export function tabletServiceCaseFromForm(v: ServiceCaseFormValues, ctx: TabletServiceCaseContext, now: number = Date.now()): TabletServiceCase {
  return TabletServiceCaseSchema.parse({
    id: uuidv7(now),
    caseNo: v.caseNo.trim(),
    serviceItemId: v.serviceItemId,
    unitId: ctx.unitId,
    windowId: ctx.windowId,
    enteredBy: ctx.enteredBy,
    applicantType: v.applicantType,
    status: v.status,
    acceptedAt: chinaWallClockToMs(v.acceptedAt),
    finishedAt: v.finishedAt.trim() ? chinaWallClockToMs(v.finishedAt) : null,
    enteredAt: now,
  });
}
