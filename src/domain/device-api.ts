import * as z from 'zod/mini';
import { CatalogIdSchema } from './base-schemas';
import { KioskConfigSchema } from './sync-api';

export const DEVICE_PATHS = {
  enrol: '/api/v1/devices/enrol',
  checkin: '/api/v1/devices/checkin',
} as const;
export const ADMIN_DEVICE_PATHS = {
  codes: '/api/v1/admin/enrolment-codes',
  devices: '/api/v1/admin/devices',
} as const;

/** Letters and digits that cannot be misread for one another (no 0/O, 1/I/L), in two groups of four. */
export const ENROLMENT_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ENROLMENT_CODE_LENGTH = 8;

/** "k7q9 m3xt", "K7Q9-M3XT" → "K7Q9M3XT", or null when it cannot be a code. */
export function normalizeEnrolmentCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return code.length === ENROLMENT_CODE_LENGTH && [...code].every((c) => ENROLMENT_ALPHABET.includes(c)) ? code : null;
}

export function formatEnrolmentCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

const count = z.int().check(z.minimum(0), z.maximum(10_000_000));

/** What a device says of itself at enrolment and at every check-in; the device list shows it. */
export const DeviceReportSchema = z.strictObject({
  appVersion: z.string().check(z.minLength(1), z.maxLength(40)),
  queueDepth: count,
  conflicts: count,
  deadLetters: count,
  storagePersisted: z.nullable(z.boolean()),
});
export type DeviceReportInput = z.infer<typeof DeviceReportSchema>;

export const EnrolRequestSchema = z.strictObject({
  code: z.string().check(z.minLength(1), z.maxLength(20)),
  deviceId: CatalogIdSchema,
  report: DeviceReportSchema,
});
export type EnrolRequest = z.infer<typeof EnrolRequestSchema>;

export const EnrolResponseSchema = z.object({
  device: z.object({ id: CatalogIdSchema, windowId: CatalogIdSchema }),
  /** Shown once: the device keeps it and sends it as "Authorization: Bearer …". */
  credential: z.string(),
  config: KioskConfigSchema,
});
export type EnrolResponse = z.infer<typeof EnrolResponseSchema>;

export const CheckinRequestSchema = z.strictObject({
  report: DeviceReportSchema,
  /** The catalogue version the device holds; the answer carries a configuration only when it is older. */
  configVersion: z.optional(z.int().check(z.minimum(0))),
});
export type CheckinRequest = z.infer<typeof CheckinRequestSchema>;

export const CheckinResponseSchema = z.object({
  serverTime: z.int(),
  configVersion: z.int(),
  config: z.nullable(KioskConfigSchema),
});
export type CheckinResponse = z.infer<typeof CheckinResponseSchema>;

/** How long an enrolment code stays valid, in hours: a day unless the administrator says otherwise, a week at most. */
export const ENROLMENT_CODE_HOURS = { min: 1, max: 168, default: 24 } as const;

export const CreateEnrolmentCodeSchema = z.strictObject({
  windowId: CatalogIdSchema,
  validHours: z.optional(z.int().check(z.minimum(ENROLMENT_CODE_HOURS.min), z.maximum(ENROLMENT_CODE_HOURS.max))),
});

export interface EnrolmentCodeCreated {
  code: string;
  windowId: string;
  expiresAt: number;
}

export interface DeviceListItem {
  id: string;
  windowId: string;
  enrolledAt: number;
  revokedAt: number | null;
  lastSeenAt: number | null;
  appVersion: string | null;
  queueDepth: number | null;
  conflicts: number | null;
  deadLetters: number | null;
  storagePersisted: boolean | null;
  userAgent: string | null;
}
