import * as z from 'zod/mini';
import { CatalogIdSchema, ChannelSchema, LevelKeySchema, LocalizedTextSchema, ReasonSchema, UuidV7Schema } from './base-schemas';
import { RoleSchema } from './account-api';
import { ExportPublicKeySchema } from './unsent-export';
import { REVIEW_VERDICTS } from './ratings-api';

// Schemas of the answers that were plain interfaces (ratings-api.ts, case-api.ts, paper-api.ts…). They check the
// shape the app relies on, field by field, so a server answer that drifts fails its test (test/server/
// endpoint-table.test.ts) and an answer cached by an older version is recognised as stale. Objects are loose: a
// field the server adds is no drift, a field removed or retyped is. The interfaces stay the types the code uses;
// the type checks at the end keep the two in step.

const id = z.string().check(z.minLength(1));
const ms = z.number();
const names = z.looseObject({ id, name: z.string(), employeeNo: z.string() });
const windowRef = z.looseObject({ id, number: z.string(), name: LocalizedTextSchema });

export const MaskedContactSchema = z.looseObject({ name: z.optional(z.string()), phone: z.optional(z.string()), company: z.optional(z.string()) });

export const RatingReviewSchema = z.looseObject({
  ratingId: UuidV7Schema,
  verdict: z.enum(REVIEW_VERDICTS),
  note: z.nullable(z.string()),
  by: z.string(),
  byName: z.optional(z.string()),
  at: ms,
});

export const RatingListItemSchema = z.looseObject({
  id,
  level: LevelKeySchema,
  reasons: z.array(z.string()),
  otherReason: z.optional(z.string()),
  comment: z.optional(z.string()),
  channel: ChannelSchema,
  unitId: id,
  windowId: id,
  staffId: z.optional(id),
  ratedAt: ms,
  receivedAt: ms,
  contact: z.nullable(MaskedContactSchema),
  canReveal: z.boolean(),
  paper: z.optional(z.looseObject({ serviceItemId: id, serviceDate: z.string(), hasPhoto: z.boolean(), canSeePhoto: z.boolean() })),
  review: z.optional(RatingReviewSchema),
});

export const RatingListRefsSchema = z.looseObject({ reasons: z.array(ReasonSchema), windows: z.array(windowRef), staff: z.array(names) });

export const RatingListResponseSchema = z.looseObject({
  items: z.array(RatingListItemSchema),
  refs: RatingListRefsSchema,
  nextBefore: z.nullable(ms),
});

export const ContactRevealSchema = z.looseObject({ id, contact: MaskedContactSchema, comment: z.optional(z.string()) });

export const AuditPageSchema = z.looseObject({
  entries: z.array(
    z.looseObject({
      seq: z.int(),
      at: ms,
      actorId: z.nullable(z.string()),
      actorName: z.nullable(z.string()),
      action: z.string(),
      targetType: z.nullable(z.string()),
      targetId: z.nullable(z.string()),
      detail: z.nullable(z.record(z.string(), z.unknown())),
      ip: z.nullable(z.string()),
    }),
  ),
  nextBefore: z.nullable(z.int()),
});

export const CalendarYearSchema = z.looseObject({ year: z.int(), holidays: z.array(z.string()), workdays: z.array(z.string()), source: z.string() });

const CaseFactsSchema = z.looseObject({ id, staffId: z.nullable(id), windowId: id, unitId: id, anonymous: z.boolean(), receivedAt: ms });
/** A step as lists show it (texts scrubbed): its type is what replay reads first. */
const CaseEventSchema = z.looseObject({ id, action: z.looseObject({ type: z.string() }), by: id, at: ms, seq: z.int(), receivedAt: z.optional(ms) });

export const CaseListResponseSchema = z.looseObject({
  cases: z.array(z.looseObject({ facts: CaseFactsSchema, events: z.array(CaseEventSchema), rating: RatingListItemSchema })),
  refs: RatingListRefsSchema,
  calendar: z.array(CalendarYearSchema),
  approvers: z.array(z.looseObject({ id, name: z.string(), employeeNo: z.string(), roles: z.array(RoleSchema), windowId: z.nullable(id) })),
  rules: z.looseObject({ specialDeadlineMaxDays: z.number(), clockSkewMs: z.number() }),
  serverTime: ms,
});

export const CaseSummarySchema = z.looseObject({ open: z.int(), overdue: z.int(), latestReceivedAt: z.nullable(ms) });

export const AbandonedTapCountsSchema = z.looseObject({
  counts: z.array(z.looseObject({ windowId: id, month: z.string(), count: z.int() })),
  windows: z.array(z.looseObject({ id, number: z.string() })),
});

export const PaperFormConfigSchema = z.looseObject({
  unit: z.looseObject({ id, name: LocalizedTextSchema }),
  windows: z.array(windowRef),
  staff: z.array(z.looseObject({ id, name: z.string(), employeeNo: z.string(), windowId: z.nullable(id) })),
  serviceItems: z.array(z.looseObject({ id, code: z.string(), name: LocalizedTextSchema })),
  reasons: z.array(ReasonSchema),
  fetchedAt: ms,
  unsentExportKey: z.optional(ExportPublicKeySchema),
});

export const DuplicateMatchesSchema = z.looseObject({
  matches: z.array(z.looseObject({ id, ratedAt: ms, serviceDate: z.nullable(z.string()), enteredBy: z.nullable(z.string()) })),
});

export const PaperPhotoStoredSchema = z.looseObject({ id: UuidV7Schema, status: z.enum(['stored', 'duplicate']) });

const PaperCheckItemSchema = z.looseObject({
  id,
  caseNumber: z.nullable(z.string()),
  serviceItemId: id,
  serviceDate: z.string(),
  windowId: id,
  staffId: z.nullable(id),
  level: LevelKeySchema,
  reasons: z.array(z.string()),
  otherReason: z.nullable(z.string()),
  comment: z.nullable(z.string()),
  contact: z.nullable(MaskedContactSchema),
  enteredBy: id,
  hasPhoto: z.boolean(),
  receivedAt: ms,
});
export const PaperChecksResponseSchema = z.looseObject({ toCheck: z.array(PaperCheckItemSchema), mine: z.array(PaperCheckItemSchema), staff: z.array(names) });
export const PaperCheckConfirmationSchema = z.looseObject({ id, checkedBy: id, checkedAt: ms });

// The administrator's answers.
const UnitSchema = z.looseObject({ id: CatalogIdSchema, name: LocalizedTextSchema, active: z.boolean() });
const WindowSchema = z.looseObject({ id: CatalogIdSchema, unitId: CatalogIdSchema, number: z.string(), name: LocalizedTextSchema, sortOrder: z.int(), active: z.boolean() });
const ServiceItemSchema = z.looseObject({ id: CatalogIdSchema, code: z.string(), unitId: CatalogIdSchema, name: LocalizedTextSchema, sortOrder: z.int(), active: z.boolean() });
const StaffSchema = z.looseObject({
  id: CatalogIdSchema,
  name: z.string(),
  employeeNo: z.string(),
  unitId: CatalogIdSchema,
  windowId: z.nullable(CatalogIdSchema),
  roles: z.array(RoleSchema),
  active: z.boolean(),
  photoUpdatedAt: z.nullable(ms),
  photoUrl: z.nullable(z.string()),
});
export const AdminSchemas = {
  catalog: z.looseObject({ units: z.array(UnitSchema), windows: z.array(WindowSchema), staff: z.array(StaffSchema), reasons: z.array(ReasonSchema), serviceItems: z.array(ServiceItemSchema) }),
  unit: UnitSchema,
  window: WindowSchema,
  serviceItem: ServiceItemSchema,
  reason: ReasonSchema,
  /** A created or updated account: never its password hash; the guarded roles left waiting, if any. */
  staffSaved: z.extend(StaffSchema, {
    passwordHash: z.optional(z.never()),
    pendingGrant: z.nullable(z.looseObject({ id, roles: z.array(RoleSchema) })),
  }),
  staffPhoto: z.looseObject({ photoUrl: z.string() }),
  calendar: z.looseObject({ years: z.array(CalendarYearSchema), missingYears: z.array(z.int()) }),
  calendarYear: CalendarYearSchema,
  roleGrants: z.looseObject({
    grants: z.array(
      z.looseObject({
        id,
        staffId: id,
        staffName: z.string(),
        employeeNo: z.string(),
        roles: z.array(RoleSchema),
        oldRoles: z.array(RoleSchema),
        requestedBy: id,
        requestedByName: z.nullable(z.string()),
        requestedAt: ms,
      }),
    ),
  }),
  grantApproved: z.looseObject({ roles: z.array(RoleSchema) }),
  grantRefused: z.looseObject({ refused: z.literal(true) }),
  enrolmentCode: z.looseObject({ code: z.string(), windowId: CatalogIdSchema, expiresAt: ms }),
  devices: z.looseObject({
    devices: z.array(
      z.looseObject({
        id,
        windowId: id,
        enrolledAt: ms,
        revokedAt: z.nullable(ms),
        lastSeenAt: z.nullable(ms),
        appVersion: z.nullable(z.string()),
        queueDepth: z.nullable(z.int()),
        conflicts: z.nullable(z.int()),
        deadLetters: z.nullable(z.int()),
        storagePersisted: z.nullable(z.boolean()),
        userAgent: z.nullable(z.string()),
      }),
    ),
  }),
  deviceRevoked: z.looseObject({ id, revoked: z.literal(true) }),
};

// What a schema accepts must be what the code's interface says: a field the interface requires and the schema does
// not check, or a field typed differently, fails typecheck. (A case's steps are checked by their type only.)
type Fits<T, S extends z.ZodMiniType> = z.infer<S> extends T ? true : false;
type Check<T extends true> = T;
export type InterfacesFitSchemas = [
  Check<Fits<import('./ratings-api').RatingListResponse, typeof RatingListResponseSchema>>,
  Check<Fits<import('./ratings-api').ContactReveal, typeof ContactRevealSchema>>,
  Check<Fits<Omit<import('./case-api').CaseListResponse, 'cases'>, typeof CaseListResponseSchema>>,
  Check<Fits<import('./case-api').CaseSummary, typeof CaseSummarySchema>>,
  Check<Fits<import('./abandoned-taps').AbandonedTapCountsResponse, typeof AbandonedTapCountsSchema>>,
  Check<Fits<import('./paper-api').PaperFormConfig, typeof PaperFormConfigSchema>>,
  Check<Fits<{ matches: import('./paper-api').DuplicateMatch[] }, typeof DuplicateMatchesSchema>>,
  Check<Fits<import('./paper-check').PaperChecksResponse, typeof PaperChecksResponseSchema>>,
  Check<Fits<import('./paper-check').PaperCheckConfirmation, typeof PaperCheckConfirmationSchema>>,
  Check<Fits<import('./catalog').AdminCatalog, typeof AdminSchemas.catalog>>,
  Check<Fits<{ grants: import('./admin-api').PendingRoleGrant[] }, typeof AdminSchemas.roleGrants>>,
  Check<Fits<{ devices: import('./device-api').DeviceListItem[] }, typeof AdminSchemas.devices>>,
  Check<Fits<import('./device-api').EnrolmentCodeCreated, typeof AdminSchemas.enrolmentCode>>,
];
