import * as z from 'zod/mini';
import { CatalogIdSchema, LocalizedTextSchema, ReasonKeySchema } from './base-schemas';
import { EmployeeNoSchema, NewPasswordSchema, RoleSchema } from './account-api';
import type { Role } from './roles';

export const ADMIN_PREFIX = '/api/v1/admin';
export const ADMIN_PATHS = {
  units: `${ADMIN_PREFIX}/units`,
  windows: `${ADMIN_PREFIX}/windows`,
  staff: `${ADMIN_PREFIX}/staff`,
  serviceItems: `${ADMIN_PREFIX}/service-items`,
  reasons: `${ADMIN_PREFIX}/reasons`,
  /** Grants of guarded roles waiting for a second administrator (GET; POST `/:id/approve`, `/:id/refuse`). */
  roleGrants: `${ADMIN_PREFIX}/role-grants`,
} as const;

/** Largest staff photo the server accepts; the app resizes on the device well below it. */
export const MAX_PHOTO_BYTES = 512 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

const sortOrder = z.optional(z.int().check(z.minimum(0), z.maximum(1_000_000)));

/** 行政区划代码: 6 digits (county level) or 12 (township / village level, GB/T 10114 and the statistical codes). */
export const DivisionCodeSchema = z.string().check(z.regex(/^(\d{6}|\d{12})$/));
export const UnitInputSchema = z.strictObject({
  name: LocalizedTextSchema,
  active: z.optional(z.boolean()),
  /** null clears it. */
  divisionCode: z.optional(z.nullable(DivisionCodeSchema)),
  /** Public disclosure (issue 16): off unless switched on. */
  disclosure: z.optional(z.boolean()),
  /** The public page names staff by window and 工号. */
  disclosureNamesStaff: z.optional(z.boolean()),
});
export const UnitPatchSchema = z.partial(UnitInputSchema);

export const WindowInputSchema = z.strictObject({
  unitId: CatalogIdSchema,
  number: z.string().check(z.trim(), z.minLength(1), z.maxLength(10)),
  name: LocalizedTextSchema,
  sortOrder,
  active: z.optional(z.boolean()),
});
export const WindowPatchSchema = z.partial(WindowInputSchema);

const personName = z.string().check(z.trim(), z.minLength(1), z.maxLength(40));
const roles = z.array(RoleSchema).check(z.minLength(1), z.maxLength(6));

export const StaffCreateSchema = z.strictObject({
  employeeNo: EmployeeNoSchema,
  name: personName,
  unitId: CatalogIdSchema,
  windowId: z.nullable(CatalogIdSchema),
  roles,
  /** The first password, given to the person, who must change it at first sign-in. */
  password: NewPasswordSchema,
});
export const StaffPatchSchema = z.partial(
  z.strictObject({
    name: personName,
    unitId: CatalogIdSchema,
    windowId: z.nullable(CatalogIdSchema),
    roles,
    active: z.boolean(),
    /** A reset: the person must change it at the next sign-in. */
    password: NewPasswordSchema,
  }),
);

export const ServiceItemInputSchema = z.strictObject({
  code: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
  unitId: CatalogIdSchema,
  name: LocalizedTextSchema,
  sortOrder,
  active: z.optional(z.boolean()),
});
export const ServiceItemPatchSchema = z.partial(ServiceItemInputSchema);

export const ReasonCreateSchema = z.strictObject({ key: ReasonKeySchema, label: LocalizedTextSchema, sortOrder, active: z.optional(z.boolean()) });
/** A reason is retired (active: false), never deleted: records queued on kiosks may still name it. */
export const ReasonPatchSchema = z.partial(z.strictObject({ label: LocalizedTextSchema, sortOrder, active: z.boolean() }));

export type UnitInput = z.infer<typeof UnitInputSchema>;
export type WindowInput = z.infer<typeof WindowInputSchema>;
export type StaffCreate = z.infer<typeof StaffCreateSchema>;
export type StaffPatch = z.infer<typeof StaffPatchSchema>;
export type ServiceItemInput = z.infer<typeof ServiceItemInputSchema>;
export type ReasonCreate = z.infer<typeof ReasonCreateSchema>;
export type ReasonPatch = z.infer<typeof ReasonPatchSchema>;

/** The working-day tables, per year (GET all, PUT `/:year`). */
export const ADMIN_CALENDAR_PATH = `${ADMIN_PREFIX}/calendar`;

/** A grant of guarded roles (src/domain/roles.ts) waiting for another administrator. */
export interface PendingRoleGrant {
  id: string;
  staffId: string;
  staffName: string;
  employeeNo: string;
  /** The roles the grant adds. */
  roles: Role[];
  /** The account's roles when the grant was asked for. */
  oldRoles: Role[];
  requestedBy: string;
  requestedByName: string | null;
  requestedAt: number;
}

/** What a staff create or update answers besides the account: the guarded roles left waiting, if any. */
export interface StaffSaveResult {
  pendingGrant: { id: string; roles: Role[] } | null;
}
