import * as z from 'zod/mini';
import { ABANDONED_TAP_PATHS } from './abandoned-taps';
import { AUTH_PATHS, ChangePasswordRequestSchema, MeSchema, SetPinRequestSchema, SignInRequestSchema } from './account-api';
import {
  ADMIN_CALENDAR_PATH,
  ADMIN_PATHS,
  ADMIN_PREFIX,
  ReasonCreateSchema,
  ReasonPatchSchema,
  ServiceItemInputSchema,
  ServiceItemPatchSchema,
  StaffCreateSchema,
  StaffPatchSchema,
  UnitInputSchema,
  UnitPatchSchema,
  WindowInputSchema,
  WindowPatchSchema,
} from './admin-api';
import {
  AbandonedTapCountsSchema,
  AdminSchemas,
  AuditPageSchema,
  CaseListResponseSchema,
  CaseSummarySchema,
  ContactRevealSchema,
  DuplicateMatchesSchema,
  PaperCheckConfirmationSchema,
  PaperChecksResponseSchema,
  PaperFormConfigSchema,
  PaperPhotoStoredSchema,
  RatingListResponseSchema,
} from './api-responses';
import { CatalogIdSchema, ContactSchema, LevelKeySchema } from './base-schemas';
import { CASE_PATHS, CasePushResponseSchema } from './case-api';
import { COMMENT_PUBLICATION_PATHS, PublicationDecideRequestSchema, PublicationDecideResponseSchema, PublicationListSchema } from './comment-publication';
import { CASE_LIVE_PATH, CaseLiveMessageSchema } from './case-live';
import {
  ADMIN_DEVICE_PATHS,
  CheckinRequestSchema,
  CheckinResponseSchema,
  CreateEnrolmentCodeSchema,
  DEVICE_PATHS,
  EnrolRequestSchema,
  EnrolResponseSchema,
} from './device-api';
import { PAPER_PATHS } from './paper-api';
import { Attachment2QuerySchema, Attachment2ResponseSchema } from './figures/attachment2-api';
import { REPORT_PATHS } from './figures/reports-api';
import {
  MyServiceCasesSchema,
  SERVICE_CASE_PATHS,
  ServiceCaseBatchResponseSchema,
  ServiceCaseBatchSchema,
  ServiceCaseDayQuerySchema,
  SystemTokenCreatedSchema,
  SystemTokenCreateSchema,
  SystemTokenListSchema,
  SystemTokenRevokedSchema,
} from './service-case-api';
import { PAPER_CHECK_PATHS } from './paper-check';
import { SERVICE_CASE_IMPORT_PATH, ServiceCaseImportQuerySchema, ServiceCaseImportResultSchema } from './service-case-import';
import {
  INVITATION_PATHS,
  InvitationCreatedSchema,
  KioskInvitationQuerySchema,
  KioskInvitationResponseSchema,
  KioskServiceCasesQuerySchema, KioskServiceCasesSchema,
  SystemInviteRequestSchema,
} from './rating-invitation';
import { PhonePageSchema, PhoneRatingRequestSchema, PhoneRatingResponseSchema, RATING_LINK_PATHS, RatingLinkSchema } from './rating-link';
import { AUDIT_PATH, RATINGS_PATH } from './ratings-api';
import { DeviceSignInSchema, FlaggedQuerySchema, FlaggedRatingsResponseSchema, RATING_REVIEW_PATHS, RatingReviewRequestSchema, RatingReviewSchema } from './rating-review';
import { RatingFlagSettingsSchema } from './rating-flags';
import { AnnualQuerySchema, AnnualReportSchema } from './figures/annual-api';
import {
  MonthCloseResponseSchema, MonthCloseScopeQuerySchema, MonthClosesQuerySchema, MonthClosesResponseSchema, MonthCloseSubmitSchema, MonthCloseSubmittedSchema,
} from './figures/month-close-api';
import { RankingsQuerySchema, RankingsResponseSchema } from './figures/rankings-api';
import { RankingSettingsSchema } from './figures/ranking-settings';
import { BulletinQuerySchema, BulletinSchema } from './figures/bulletin-api';
import { PUBLIC_API_PATHS, PublicMonthFiguresSchema, PublicMonthQuerySchema, PublicReviewsSchema, PublicTrendSchema, PublicUnitsSchema } from './public-api';
import { HealthSchema, KioskConfigSchema, PushRequestSchema, PushResponseSchema } from './sync-api';
import { HEALTH_PATH, KIOSK_CONFIG_PATH, PUSH_RATINGS_PATH, PUSH_TABLET_SERVICE_CASES_PATH } from './sync-constants';

/**
 * Every API route once: its method, its path (parameters written `:name`), what it takes and what it answers.
 * The server registers each route from its entry (sync-server/routes/endpoint.ts), the app calls it through one
 * client (src/api/client.ts), and test/server/endpoint-table.test.ts fails when a registered route is missing here
 * or a real answer does not match its `response`.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A body that is an image (photos), not JSON: the content type says which. */
export const IMAGE = { kind: 'image' } as const;
export type ImageBody = typeof IMAGE;
/** A body that is a file's bytes (an 办件 export, CSV or XLSX), not JSON: the route reads what the bytes are. */
export const FILE = { kind: 'file' } as const;
export type FileBody = typeof FILE;

/**
 * An answer that is a Server-Sent Events stream (text/event-stream), not one JSON body: each message's `data:`
 * line is JSON matching `message`. The app reads it with EventSource, never through the API client.
 */
export interface EventStreamBody<M = unknown> {
  kind: 'event-stream';
  message: z.ZodMiniType<M>;
}
export const eventStream = <M>(message: z.ZodMiniType<M>): EventStreamBody<M> => ({ kind: 'event-stream', message });
export function isEventStream(body: Endpoint['response']): body is EventStreamBody {
  return typeof body === 'object' && body !== null && 'kind' in body && body.kind === 'event-stream';
}

export interface Endpoint<P extends string = string, Req = unknown, Res = unknown> {
  method: Method;
  path: P;
  /** The JSON body's schema, IMAGE for a photo, FILE for an uploaded file, absent when the route takes no body. */
  request?: z.ZodMiniType<Req> | ImageBody | FileBody;
  /** The query string's schema (GET routes that take one, and a FILE upload's parameters). */
  query?: z.ZodMiniType;
  /** The answer's schema (z.null() for a 204), IMAGE for a photo, or an event stream's message schema. */
  response: z.ZodMiniType<Res> | ImageBody | EventStreamBody;
}

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
/** `'/api/v1/ratings/:id/contact'` → `{ id: string }`. */
export type PathParams<P extends string> = { [K in ParamNames<P>]: string };

/** What an entry takes and answers; `Binary` is how the side calling it holds an image (Blob in the app). */
export type RequestOf<E, Binary> = E extends { request: z.ZodMiniType<infer R> } ? R : E extends { request: ImageBody | FileBody } ? Binary : undefined;
export type ResponseOf<E, Binary> = E extends { response: z.ZodMiniType<infer R> } ? R : E extends { response: ImageBody } ? Binary : never;

const def = <const P extends string, const E extends Omit<Endpoint<P>, 'path'>>(path: P, entry: E) => ({ ...entry, path });

/** Paging of the lists that grow (ratings, audit): `before` is the last item's time or sequence number. */
export const PageQuerySchema = z.object({
  before: z.optional(z.coerce.number().check(z.int(), z.positive())),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500))),
});
export const KioskConfigQuerySchema = z.object({ window: z.optional(CatalogIdSchema) });
export const DuplicateCheckSchema = z.strictObject({
  caseNumber: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
  level: LevelKeySchema,
  contact: z.optional(ContactSchema),
});
export const SessionAnswerSchema = z.union([z.object({ signedIn: z.literal(false) }), z.object({ signedIn: z.literal(true), me: MeSchema })]);

/** The batch routes (gzip bodies, the shared envelope, one answer per item): sync-server/batch-route.ts registers them. */
const batch = { method: 'POST', request: PushRequestSchema, response: PushResponseSchema } as const;

export const API = {
  health: def(HEALTH_PATH, { method: 'GET', response: HealthSchema }),
  kioskConfig: def(KIOSK_CONFIG_PATH, { method: 'GET', query: KioskConfigQuerySchema, response: KioskConfigSchema }),
  enrol: def(DEVICE_PATHS.enrol, { method: 'POST', request: EnrolRequestSchema, response: EnrolResponseSchema }),
  checkin: def(DEVICE_PATHS.checkin, { method: 'POST', request: CheckinRequestSchema, response: CheckinResponseSchema }),
  staffPhoto: def('/api/v1/staff/:id/photo', { method: 'GET', response: IMAGE }),

  pushRatings: def(PUSH_RATINGS_PATH, batch),
  pushPaper: def(PAPER_PATHS.push, batch),
  // A case push also answers with the touched cases' new events (the tablet applies them: no list download).
  pushCaseActions: def(CASE_PATHS.push, { ...batch, response: CasePushResponseSchema }),
  pushAbandonedTaps: def(ABANDONED_TAP_PATHS.push, batch),
  // 办件 typed in on window staff's tablets (outbox stream 'serviceCase'), with the person's session.
  pushTabletServiceCases: def(PUSH_TABLET_SERVICE_CASES_PATH, batch),

  signIn: def(AUTH_PATHS.signIn, { method: 'POST', request: SignInRequestSchema, response: MeSchema }),
  signOut: def(AUTH_PATHS.signOut, { method: 'POST', response: z.null() }),
  me: def(AUTH_PATHS.me, { method: 'GET', response: MeSchema }),
  session: def(AUTH_PATHS.session, { method: 'GET', response: SessionAnswerSchema }),
  changePassword: def(AUTH_PATHS.password, { method: 'POST', request: ChangePasswordRequestSchema, response: MeSchema }),
  setPin: def(AUTH_PATHS.pin, { method: 'POST', request: SetPinRequestSchema, response: MeSchema }),

  ratings: def(RATINGS_PATH, { method: 'GET', query: PageQuerySchema, response: RatingListResponseSchema }),
  revealContact: def(`${RATINGS_PATH}/:id/contact`, { method: 'POST', response: ContactRevealSchema }),
  revealRatingPhoto: def(`${RATINGS_PATH}/:id/photo`, { method: 'POST', response: IMAGE }),
  audit: def(AUDIT_PATH, { method: 'GET', query: PageQuerySchema, response: AuditPageSchema }),

  cases: def(CASE_PATHS.list, { method: 'GET', response: CaseListResponseSchema }),
  caseSummary: def(CASE_PATHS.summary, { method: 'GET', response: CaseSummarySchema }),
  caseLive: def(CASE_LIVE_PATH, { method: 'GET', response: eventStream(CaseLiveMessageSchema) }),
  abandonedTapCounts: def(ABANDONED_TAP_PATHS.counts, { method: 'GET', response: AbandonedTapCountsSchema }),

  paperConfig: def(PAPER_PATHS.config, { method: 'GET', response: PaperFormConfigSchema }),
  paperPhoto: def('/api/v1/sync/paper/:id/photo', { method: 'PUT', request: IMAGE, response: PaperPhotoStoredSchema }),
  paperDuplicates: def(PAPER_PATHS.duplicates, { method: 'POST', request: DuplicateCheckSchema, response: DuplicateMatchesSchema }),
  paperChecks: def(PAPER_CHECK_PATHS.list, { method: 'GET', response: PaperChecksResponseSchema }),
  paperCheckConfirm: def('/api/v1/forms/checks/:id/confirm', { method: 'POST', response: PaperCheckConfirmationSchema }),

  adminCatalog: def(`${ADMIN_PREFIX}/catalog`, { method: 'GET', response: AdminSchemas.catalog }),
  createUnit: def(ADMIN_PATHS.units, { method: 'POST', request: UnitInputSchema, response: AdminSchemas.unit }),
  updateUnit: def(`${ADMIN_PATHS.units}/:id`, { method: 'PATCH', request: UnitPatchSchema, response: AdminSchemas.unit }),
  createWindow: def(ADMIN_PATHS.windows, { method: 'POST', request: WindowInputSchema, response: AdminSchemas.window }),
  updateWindow: def(`${ADMIN_PATHS.windows}/:id`, { method: 'PATCH', request: WindowPatchSchema, response: AdminSchemas.window }),
  createServiceItem: def(ADMIN_PATHS.serviceItems, { method: 'POST', request: ServiceItemInputSchema, response: AdminSchemas.serviceItem }),
  updateServiceItem: def(`${ADMIN_PATHS.serviceItems}/:id`, { method: 'PATCH', request: ServiceItemPatchSchema, response: AdminSchemas.serviceItem }),
  createReason: def(ADMIN_PATHS.reasons, { method: 'POST', request: ReasonCreateSchema, response: AdminSchemas.reason }),
  updateReason: def(`${ADMIN_PATHS.reasons}/:key`, { method: 'PATCH', request: ReasonPatchSchema, response: AdminSchemas.reason }),
  createStaff: def(ADMIN_PATHS.staff, { method: 'POST', request: StaffCreateSchema, response: AdminSchemas.staffSaved }),
  updateStaff: def(`${ADMIN_PATHS.staff}/:id`, { method: 'PATCH', request: StaffPatchSchema, response: AdminSchemas.staffSaved }),
  staffPhotoUpload: def(`${ADMIN_PATHS.staff}/:id/photo`, { method: 'PUT', request: IMAGE, response: AdminSchemas.staffPhoto }),
  roleGrants: def(ADMIN_PATHS.roleGrants, { method: 'GET', response: AdminSchemas.roleGrants }),
  approveRoleGrant: def(`${ADMIN_PATHS.roleGrants}/:id/approve`, { method: 'POST', response: AdminSchemas.grantApproved }),
  refuseRoleGrant: def(`${ADMIN_PATHS.roleGrants}/:id/refuse`, { method: 'POST', response: AdminSchemas.grantRefused }),
  calendar: def(ADMIN_CALENDAR_PATH, { method: 'GET', response: AdminSchemas.calendar }),
  // The body is checked by validateCalendarYear (workdays.ts), which names each wrong date; unknown here.
  putCalendarYear: def(`${ADMIN_CALENDAR_PATH}/:year`, { method: 'PUT', request: z.unknown(), response: AdminSchemas.calendarYear }),
  createEnrolmentCode: def(ADMIN_DEVICE_PATHS.codes, { method: 'POST', request: CreateEnrolmentCodeSchema, response: AdminSchemas.enrolmentCode }),
  devices: def(ADMIN_DEVICE_PATHS.devices, { method: 'GET', response: AdminSchemas.devices }),
  revokeDevice: def(`${ADMIN_DEVICE_PATHS.devices}/:id/revoke`, { method: 'POST', response: AdminSchemas.deviceRevoked }),
  createSystemToken: def(SERVICE_CASE_PATHS.systemTokens, { method: 'POST', request: SystemTokenCreateSchema, response: SystemTokenCreatedSchema }),
  systemTokens: def(SERVICE_CASE_PATHS.systemTokens, { method: 'GET', response: SystemTokenListSchema }),
  revokeSystemToken: def(`${SERVICE_CASE_PATHS.systemTokens}/:id/revoke`, { method: 'POST', response: SystemTokenRevokedSchema }),

  // 办件 (service cases): the business system's batch (its unit's token), and a window person's 办件 of a day.
  pushServiceCases: def(SERVICE_CASE_PATHS.push, { method: 'POST', request: ServiceCaseBatchSchema, response: ServiceCaseBatchResponseSchema }),
  myServiceCases: def(SERVICE_CASE_PATHS.mine, { method: 'GET', query: ServiceCaseDayQuerySchema, response: MyServiceCasesSchema }),

  // The invitation at the window (一次一评): staff or the business system invite, the kiosk waits for it.
  inviteServiceCase: def(INVITATION_PATHS.invite, { method: 'POST', response: InvitationCreatedSchema }),
  systemInvite: def(INVITATION_PATHS.systemInvite, { method: 'POST', request: SystemInviteRequestSchema, response: InvitationCreatedSchema }),
  kioskInvitation: def(INVITATION_PATHS.kioskInvitation, { method: 'GET', query: KioskInvitationQuerySchema, response: KioskInvitationResponseSchema }),
  kioskServiceCases: def(INVITATION_PATHS.kioskServiceCases, { method: 'GET', query: KioskServiceCasesQuerySchema, response: KioskServiceCasesSchema }),

  // The phone rating page (一事一评): a 办件's link, a window's QR link, and the public page's read and post.
  serviceCaseRatingLink: def(RATING_LINK_PATHS.serviceCaseLink, { method: 'POST', response: RatingLinkSchema }),
  windowRatingLink: def(RATING_LINK_PATHS.windowLink, { method: 'POST', response: RatingLinkSchema }),
  phonePage: def(RATING_LINK_PATHS.phone, { method: 'GET', response: PhonePageSchema }),
  phoneRating: def(RATING_LINK_PATHS.phone, { method: 'POST', request: PhoneRatingRequestSchema, response: PhoneRatingResponseSchema }),

  // An administrator's upload of a 办件 export (CSV or XLSX bytes): a preview with dryRun=1, else the import.
  importServiceCases: def(SERVICE_CASE_IMPORT_PATH, { method: 'POST', request: FILE, query: ServiceCaseImportQuerySchema, response: ServiceCaseImportResultSchema }),
  // Anti-coercion (issue 14): flagged ratings of a period, supervision's mark, the tablet a staff session is on.
  flaggedRatings: def(RATING_REVIEW_PATHS.list, { method: 'GET', query: FlaggedQuerySchema, response: FlaggedRatingsResponseSchema }),
  reviewRating: def(RATING_REVIEW_PATHS.review, { method: 'PUT', request: RatingReviewRequestSchema, response: RatingReviewSchema }),
  deviceSignIn: def(RATING_REVIEW_PATHS.deviceSignIn, { method: 'POST', response: DeviceSignInSchema }),
  flagSettings: def(RATING_REVIEW_PATHS.settings, { method: 'GET', response: RatingFlagSettingsSchema }),
  putFlagSettings: def(RATING_REVIEW_PATHS.settings, { method: 'PUT', request: RatingFlagSettingsSchema, response: RatingFlagSettingsSchema }),
  // The annual rectification report (issue 15): JSON as below, or with format=xlsx the workbook's bytes.
  annualReport: def(REPORT_PATHS.annual, { method: 'GET', query: AnnualQuerySchema, response: AnnualReportSchema }),
  // Public disclosure (issue 16): comments waiting for a lead's or the office's decision, and the decision.
  commentPublications: def(COMMENT_PUBLICATION_PATHS.list, { method: 'GET', response: PublicationListSchema }),
  decideCommentPublication: def(COMMENT_PUBLICATION_PATHS.decide, { method: 'POST', request: PublicationDecideRequestSchema, response: PublicationDecideResponseSchema }),
  // The figures (issue 15): Attachment 2 as JSON, or with format=csv|xlsx the file (a download: not checked as JSON).
  reportAttachment2: def(REPORT_PATHS.attachment2, { method: 'GET', query: Attachment2QuerySchema, response: Attachment2ResponseSchema }),
  // Month close (issue 15): the office's months and their status, one month against its last version, submitting.
  monthCloses: def(REPORT_PATHS.monthCloses, { method: 'GET', query: MonthClosesQuerySchema, response: MonthClosesResponseSchema }),
  monthClose: def(REPORT_PATHS.monthClose, { method: 'GET', query: MonthCloseScopeQuerySchema, response: MonthCloseResponseSchema }),
  submitMonthClose: def(REPORT_PATHS.monthClose, { method: 'POST', query: MonthCloseScopeQuerySchema, request: MonthCloseSubmitSchema, response: MonthCloseSubmittedSchema }),
  rankings: def(REPORT_PATHS.rankings, { method: 'GET', query: RankingsQuerySchema, response: RankingsResponseSchema }),
  rankingSettings: def(REPORT_PATHS.rankingSettings, { method: 'GET', response: RankingSettingsSchema }),
  putRankingSettings: def(REPORT_PATHS.rankingSettings, { method: 'PUT', request: RankingSettingsSchema, response: RankingSettingsSchema }),
  // The quarterly bulletin (issue 15): reports.read, a lead's own window.
  bulletin: def(REPORT_PATHS.bulletin, { method: 'GET', query: BulletinQuerySchema, response: BulletinSchema }),
  // Public disclosure (issue 16): no sign-in, cached (ETag, max-age); units without disclosure answer 404.
  publicUnits: def(PUBLIC_API_PATHS.units, { method: 'GET', response: PublicUnitsSchema }),
  publicMonth: def(PUBLIC_API_PATHS.month, { method: 'GET', response: PublicMonthFiguresSchema }),
  publicTrend: def(PUBLIC_API_PATHS.trend, { method: 'GET', query: PublicMonthQuerySchema, response: PublicTrendSchema }),
  publicReviews: def(PUBLIC_API_PATHS.reviews, { method: 'GET', query: PublicMonthQuerySchema, response: PublicReviewsSchema }),
} satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof API;
export const ENDPOINTS: readonly Endpoint[] = Object.values(API);

/** Whether a concrete path ('/api/v1/ratings/0193…/contact', no query) fills an entry's pattern. */
export function pathMatches(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((seg, i) => (seg.startsWith(':') ? got[i].length > 0 : seg === got[i]));
}

/** The entry a method and a concrete path (query string allowed) belong to; literal segments win over `:params`. */
export function findEndpoint(method: string, path: string): Endpoint | undefined {
  const bare = path.split('?')[0];
  const matches = ENDPOINTS.filter((e) => e.method === method.toUpperCase() && pathMatches(e.path, bare));
  // '/api/v1/cases/summary' and a '/api/v1/cases/:id' would both match: the one with fewer parameters is meant.
  return matches.sort((a, b) => a.path.split(':').length - b.path.split(':').length)[0];
}

/** Fills a pattern's parameters, each encoded as one path segment. */
export function buildPath<P extends string>(pattern: P, params: PathParams<P>): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => encodeURIComponent((params as Record<string, string>)[name]));
}
