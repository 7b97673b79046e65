import * as z from 'zod/mini';
import { CatalogIdSchema } from './base-schemas';
import { SERVICE_CASE_BATCH_MAX, ServiceCaseSchema } from './service-case';

// The 办件 routes: the business system's batch (with a per-unit token), the administrator's tokens, and a window
// person's 办件 of the day.

export const SERVICE_CASE_PATHS = {
  push: '/api/v1/service-cases',
  mine: '/api/v1/service-cases/mine',
  systemTokens: '/api/v1/admin/system-tokens',
} as const;

/** A business-system token: it writes 办件 of its unit only. The secret is shown once, when it is made. */
export interface SystemToken {
  id: string;
  unitId: string;
  name: string;
  createdBy: string | null;
  createdAt: number;
  revokedAt: number | null;
  revokedBy: string | null;
  lastUsedAt: number | null;
}

export const SystemTokenCreateSchema = z.strictObject({
  unitId: CatalogIdSchema,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
});

const SystemTokenSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  name: z.string(),
  createdBy: z.nullable(z.string()),
  createdAt: z.number(),
  revokedAt: z.nullable(z.number()),
  revokedBy: z.nullable(z.string()),
  lastUsedAt: z.nullable(z.number()),
});
export const SystemTokenListSchema = z.object({ tokens: z.array(SystemTokenSchema) });
/** The answer to creating a token: the only time the secret is shown. */
export const SystemTokenCreatedSchema = z.object({ token: z.string(), systemToken: SystemTokenSchema });
export const SystemTokenRevokedSchema = z.object({ id: z.string(), revoked: z.literal(true) });

/**
 * The business system's batch. Items are checked one by one (ServiceCaseInputSchema), so one bad item refuses
 * only itself; the envelope only bounds the count.
 */
export const ServiceCaseBatchSchema = z.strictObject({ items: z.array(z.unknown()).check(z.minLength(1), z.maxLength(SERVICE_CASE_BATCH_MAX)) });

export const SERVICE_CASE_ITEM_STATUSES = ['added', 'updated', 'unchanged', 'invalid'] as const;
export const ServiceCaseItemResultSchema = z.object({
  index: z.int(),
  caseNo: z.nullable(z.string()),
  status: z.enum(SERVICE_CASE_ITEM_STATUSES),
  id: z.optional(z.string()),
  error: z.optional(z.object({ code: z.string(), message: z.string() })),
});
export type ServiceCaseItemResult = z.infer<typeof ServiceCaseItemResultSchema>;
export const ServiceCaseBatchResponseSchema = z.object({ results: z.array(ServiceCaseItemResultSchema) });

/** A day in China, "YYYY-MM-DD"; today when left out. */
export const ServiceCaseDayQuerySchema = z.object({
  day: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date'))),
});
export const MyServiceCasesSchema = z.object({ day: z.string(), serviceCases: z.array(ServiceCaseSchema) });
