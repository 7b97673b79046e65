import * as z from 'zod/mini';
import { PUSH_CASE_ACTIONS_PATH } from './sync-constants';
import { CatalogIdSchema, UuidV7Schema } from './base-schemas';
import { CONTACT_CHANNELS, NOT_ADOPTED_REASONS, type CaseEvent, type CaseFacts } from './case-machine';
import type { CaseRules } from './case-intake';
import type { RatingListItem, RatingListRefs } from './ratings-api';
import type { Role } from './roles';
import { PushResponseSchema } from './sync-api';
import type { CalendarYear } from './workdays';

export const CASE_PATHS = {
  list: '/api/v1/cases',
  summary: '/api/v1/cases/summary',
  push: PUSH_CASE_ACTIONS_PATH,
} as const;

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const channel = z.enum(CONTACT_CHANNELS);

export const CaseActionSchema = z.union([
  z.strictObject({ type: z.literal('CALL_BACK'), channel, outcome: z.enum(['REACHED', 'UNREACHABLE']), note: z.optional(text(500)) }),
  z.strictObject({ type: z.literal('DECIDE'), path: z.enum(['FIX_NOW', 'FIX_WITHIN_5']), note: z.optional(text(500)) }),
  z.strictObject({ type: z.literal('DECIDE'), path: z.literal('SPECIAL'), explanation: text(1000), deadline: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)) }),
  z.strictObject({ type: z.literal('DECIDE'), path: z.literal('NOT_ADOPTED'), reason: z.enum(NOT_ADOPTED_REASONS), evidence: text(1000), approverId: CatalogIdSchema }),
  z.strictObject({ type: z.literal('RECTIFY'), what: text(1000) }),
  z.strictObject({ type: z.literal('REPLY'), channel, text: text(1000) }),
  z.strictObject({ type: z.literal('CLOSE') }),
  z.strictObject({ type: z.literal('REOPEN'), reason: text(500) }),
  z.strictObject({ type: z.literal('APPROVE') }),
  z.strictObject({ type: z.literal('REFUSE_APPROVAL'), reason: text(500) }),
]);

/** One action as it waits in a tablet's outbox and travels: the event plus the case version it was taken on. */
export const CaseActionRecordSchema = z.strictObject({
  id: UuidV7Schema,
  caseId: UuidV7Schema,
  /** How many events the case had when the action was taken: a refusal on a case that moved on is a conflict. */
  baseVersion: z.int().check(z.minimum(0)),
  action: CaseActionSchema,
  by: CatalogIdSchema,
  at: z.int().check(z.positive()),
});
export type CaseActionRecord = z.infer<typeof CaseActionRecordSchema>;

/** An event as lists and push answers show it: its texts masked, with its place and arrival on the server. */
export const CaseEventViewSchema = z.object({
  id: UuidV7Schema,
  action: CaseActionSchema,
  by: CatalogIdSchema,
  at: z.int(),
  seq: z.int(),
  receivedAt: z.optional(z.int()),
});

/**
 * What a case push changed, carried by its answer beside the per-item results, so the tablet updates the list it
 * holds instead of downloading it again. For each case a step of the batch touched (accepted, an identical
 * replay, or refused because the case had moved on): its events from position `from` on, `from` being the
 * fewest events a step of the batch was taken on. A copy holding fewer than `from` events cannot be brought up
 * to date this way and is downloaded again.
 */
export const CaseChangesSchema = z.object({
  cases: z.array(z.object({ caseId: UuidV7Schema, from: z.int().check(z.minimum(0)), events: z.array(CaseEventViewSchema) })),
  /** Who wrote those events, for names a list fetched before may lack (a lead acting on a case the first time). */
  staff: z.array(z.object({ id: CatalogIdSchema, name: z.string(), employeeNo: z.string() })),
});
export type CaseChanges = z.infer<typeof CaseChangesSchema>;

/**
 * The answer of CASE_PATHS.push: the batch answer every push route gives, and what changed. A batch none of whose
 * steps passed its schema touched no case and carries no `changes` (the tablet then downloads the list again).
 */
export const CasePushResponseSchema = z.extend(PushResponseSchema, { changes: z.optional(CaseChangesSchema) });
export type CasePushResponse = z.infer<typeof CasePushResponseSchema>;

export interface CaseView {
  facts: CaseFacts;
  /** receivedAt: the server's clock when the step arrived (absent in lists cached before it was sent). */
  events: (CaseEvent & { seq: number; receivedAt?: number })[];
  rating: RatingListItem;
}

export interface CaseListResponse {
  cases: CaseView[];
  refs: RatingListRefs;
  /** The working-day tables the deadlines are counted with (years without one are uncertain). */
  calendar: CalendarYear[];
  /**
   * Staff who may approve a decision on at least one listed case (`mayApproveCase` in roles.ts); with their roles
   * and window, so the form offers, per case, exactly those the server accepts.
   */
  approvers: { id: string; name: string; employeeNo: string; roles: Role[]; windowId: string | null }[];
  /** The server's settings for steps: the special deadline's cap, the clock skew allowed. */
  rules: CaseRules;
  serverTime: number;
}

export interface CaseSummary {
  open: number;
  /** Open cases past a deadline: they escalate to the lead and supervision. */
  overdue: number;
  /** The newest case's arrival, so a tablet polling this can tell a new bad review has come in. */
  latestReceivedAt: number | null;
}
