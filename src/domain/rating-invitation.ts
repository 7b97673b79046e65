import * as z from 'zod/mini';
import { CatalogIdSchema, LocalizedTextSchema, UuidV7Schema } from './base-schemas';
import { CaseNoSchema } from './service-case';

// The invitation at the window (一次一评): staff ask the kiosk to rate one 办件 (serviceCase). The kiosk shows the
// service item and the masked 办件编号; the next rating carries caseNumber, sessionId (= the invitation's id) and
// invitedAt (the kiosk's clock when it showed the invitation). Exactly one rating per invitation; an invitation not
// answered within its lapse time lapses and the 办件 stays unrated.

export const INVITATION_PATHS = {
  /** A window person (session) invites a rating for one of their 办件, shown on their window's kiosk. */
  invite: '/api/v1/service-cases/:id/invitation',
  /** The hall's business system (system token) invites by 办件编号, in the token's unit. */
  systemInvite: '/api/v1/service-cases/invitations',
  /** The kiosk (device credential) asks for its window's open invitation; waits up to `waitMs` for a new one. */
  kioskInvitation: '/api/v1/kiosk/invitation',
  /** The kiosk's copy of its window's 办件 of today, so its staff panel can invite offline (PIN). */
  kioskServiceCases: '/api/v1/kiosk/service-cases',
} as const;

/** "A few minutes": a citizen who walks away leaves the 办件 unrated, never credited to the next person. */
export const DEFAULT_INVITATION_LAPSE_MS = 3 * 60_000;
/** The longest a kiosk's request may wait on the server for an invitation (below proxies' idle timeouts). */
export const KIOSK_INVITATION_WAIT_MAX_MS = 25_000;

export const INVITATION_SOURCES = ['TABLET', 'API', 'KIOSK'] as const;
export type InvitationSource = (typeof INVITATION_SOURCES)[number];

/** 办件编号 as a kiosk, a receipt or a phone shows it: the last four characters, the rest starred. */
export function maskCaseNo(caseNo: string): string {
  const chars = [...caseNo];
  const keep = Math.min(4, Math.max(1, chars.length - 2));
  return `${'*'.repeat(Math.max(2, chars.length - keep))}${chars.slice(-keep).join('')}`;
}

/** One invitation as the kiosk receives it. `caseNo` is whole: the kiosk puts it in the rating; it shows `caseNoMasked`. */
export const InvitationSchema = z.object({
  id: UuidV7Schema,
  unitId: CatalogIdSchema,
  windowId: CatalogIdSchema,
  serviceCaseId: z.nullable(UuidV7Schema),
  staffId: z.nullable(CatalogIdSchema),
  caseNo: CaseNoSchema,
  caseNoMasked: z.string(),
  serviceItemId: CatalogIdSchema,
  serviceItemName: LocalizedTextSchema,
  source: z.enum(INVITATION_SOURCES),
  /** Server clock, Unix ms. */
  createdAt: z.number(),
  expiresAt: z.number(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const InvitationCreatedSchema = z.object({ invitation: InvitationSchema });
export const SystemInviteRequestSchema = z.strictObject({ caseNo: CaseNoSchema });

/** `after`: the id of the invitation the kiosk already holds (or answered); the server answers only a newer one. */
export const KioskInvitationQuerySchema = z.object({
  after: z.optional(UuidV7Schema),
  /** A demo kiosk without a credential names its window (as for its configuration); an enrolled one is bound to its own. */
  window: z.optional(CatalogIdSchema),
  waitMs: z.optional(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(KIOSK_INVITATION_WAIT_MAX_MS))),
});
export const KioskInvitationResponseSchema = z.object({ invitation: z.nullable(InvitationSchema), serverTime: z.number() });

/** As for the invitation: a demo kiosk without a credential names its window. */
export const KioskServiceCasesQuerySchema = z.object({ window: z.optional(CatalogIdSchema) });

/** A 办件 as the kiosk's staff panel lists it (today's, of the kiosk's window). */
export const KioskServiceCaseSchema = z.object({
  id: UuidV7Schema,
  caseNo: CaseNoSchema,
  caseNoMasked: z.string(),
  serviceItemId: CatalogIdSchema,
  serviceItemName: LocalizedTextSchema,
  staffId: z.nullable(CatalogIdSchema),
  status: z.string(),
  acceptedAt: z.number(),
  /** Already rated at this window (an answered invitation): the panel shows it, a new invitation is a 追评. */
  rated: z.boolean(),
});
export const KioskServiceCasesSchema = z.object({ day: z.string(), serviceCases: z.array(KioskServiceCaseSchema) });
