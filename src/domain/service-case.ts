import * as z from 'zod/mini';
import { CatalogIdSchema, UuidV7Schema } from './base-schemas';

// 办件 (service cases): the cases a window handles, which the notice's 一次一评 / 一事一评 rate. Not to be confused
// with bad-review (差评) cases, which the code calls "cases" (case-machine.ts): here it is always `serviceCase`.

/** 个人 / 法人. */
export const APPLICANT_TYPES = ['PERSON', 'LEGAL_PERSON'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/** 受理 / 办理中 / 办结 / 不予受理. */
export const SERVICE_CASE_STATUSES = ['ACCEPTED', 'IN_PROGRESS', 'FINISHED', 'NOT_ACCEPTED'] as const;
export type ServiceCaseStatus = (typeof SERVICE_CASE_STATUSES)[number];

/** How a 办件 reached the server: the business system's API, a file import, or typed in on a staff tablet. */
export const SERVICE_CASE_SOURCES = ['API', 'IMPORT', 'TABLET'] as const;
export type ServiceCaseSource = (typeof SERVICE_CASE_SOURCES)[number];

/** 办件编号: unique within its unit. */
export const CASE_NO_MAX = 64;
/** Items per batch of the business-system API (a file import writes all its valid lines in one transaction). */
export const SERVICE_CASE_BATCH_MAX = 1000;

export const ApplicantTypeSchema = z.enum(APPLICANT_TYPES);
export const ServiceCaseStatusSchema = z.enum(SERVICE_CASE_STATUSES);
export const ServiceCaseSourceSchema = z.enum(SERVICE_CASE_SOURCES);
export const CaseNoSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(CASE_NO_MAX));
const epochMs = z.int().check(z.positive());

/** The time rules every 办件 obeys, however it arrived. */
export function checkTimes(c: { acceptedAt: number; finishedAt: number | null; status: ServiceCaseStatus }, ctx: { issues: unknown[] }) {
  const issue = (path: string, message: string) => (ctx.issues as object[]).push({ code: 'custom', path: [path], message, input: c });
  if (c.finishedAt !== null && c.finishedAt < c.acceptedAt) issue('finishedAt', 'finished before it was accepted');
  if (c.status === 'FINISHED' && c.finishedAt === null) issue('finishedAt', 'a finished 办件 needs its finishing time');
}

/** The fields a source decides (what an upsert compares), the catalogue already resolved to ids. */
const fieldsShape = {
  caseNo: CaseNoSchema,
  serviceItemId: CatalogIdSchema,
  unitId: CatalogIdSchema,
  windowId: CatalogIdSchema,
  staffId: z.nullable(CatalogIdSchema),
  applicantType: ApplicantTypeSchema,
  acceptedAt: epochMs,
  finishedAt: z.nullable(epochMs),
  status: ServiceCaseStatusSchema,
  source: ServiceCaseSourceSchema,
};

export const ServiceCaseFieldsSchema = z.strictObject(fieldsShape).check(z.superRefine(checkTimes));
export type ServiceCaseFields = z.infer<typeof ServiceCaseFieldsSchema>;

/** A stored 办件: the fields plus what the server gives it on first arrival (the id is kept across updates). */
export const ServiceCaseSchema = z.strictObject({ id: UuidV7Schema, ...fieldsShape, receivedAt: epochMs, updatedAt: epochMs }).check(z.superRefine(checkTimes));
export type ServiceCase = z.infer<typeof ServiceCaseSchema>;

/**
 * One 办件 as the hall's business system sends it, by the codes it knows: the service item's code in the unit, the
 * window's number (or id), the 工号 (or staff id). The unit is the token's. Times are Unix ms.
 */
export const ServiceCaseInputSchema = z
  .strictObject({
    caseNo: CaseNoSchema,
    serviceItemCode: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
    windowNumber: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(20))),
    windowId: z.optional(CatalogIdSchema),
    employeeNo: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(40))),
    staffId: z.optional(z.nullable(CatalogIdSchema)),
    applicantType: ApplicantTypeSchema,
    acceptedAt: epochMs,
    finishedAt: z.optional(z.nullable(epochMs)),
    status: ServiceCaseStatusSchema,
  })
  .check(
    z.superRefine((c, ctx) => {
      const issue = (path: string, message: string) => ctx.issues.push({ code: 'custom', path: [path], message, input: c });
      if ((c.windowNumber === undefined) === (c.windowId === undefined)) issue('windowNumber', 'give the window number or the window id, one of them');
      if (c.employeeNo !== undefined && c.staffId !== undefined) issue('employeeNo', 'give the 工号 or the staff id, not both');
      checkTimes({ ...c, finishedAt: c.finishedAt ?? null }, ctx);
    }),
  );
export type ServiceCaseInput = z.infer<typeof ServiceCaseInputSchema>;

/** What an upsert did with one 办件. */
export type ServiceCaseUpsertOutcome = 'added' | 'updated' | 'unchanged';
