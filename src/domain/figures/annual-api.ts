import * as z from 'zod/mini';
import { CatalogIdSchema, ChannelSchema, LevelKeySchema, LocalizedTextSchema, ReasonSchema } from '../base-schemas';
import { CONTACT_CHANNELS, DECISION_PATHS, NOT_ADOPTED_REASONS } from '../case-machine';
import { MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from '../workdays';

/** GET REPORT_PATHS.annual: ?year=YYYY[&unitId=][&format=json|xlsx]. */
export const AnnualQuerySchema = z.object({
  year: z.coerce.number().check(z.int(), z.minimum(MIN_CALENDAR_YEAR), z.maximum(MAX_CALENDAR_YEAR)),
  unitId: z.optional(CatalogIdSchema),
  format: z.optional(z.enum(['json', 'xlsx'])),
});
export type AnnualQuery = z.infer<typeof AnnualQuerySchema>;

const DEADLINE_STATES = ['ON_TIME', 'LATE', 'OVERDUE', 'PENDING', 'NONE'] as const;
const STAGES = ['RECEIVED', 'CALLED_BACK', 'AWAITING_APPROVAL', 'DECIDED', 'RECTIFIED', 'REPLIED', 'CLOSED'] as const;
const ms = z.number();
const id = z.string();
const text = z.nullable(z.string());
const due = z.object({ date: z.string(), certain: z.boolean() });

const EntrySchema = z.object({
  rating: z.object({
    id, level: LevelKeySchema, channel: ChannelSchema, ratedAt: ms, unitId: id, windowId: id, staffId: z.nullable(id),
    reasons: z.array(z.string()), otherReason: text, comment: text, serviceItemId: z.nullable(id),
  }),
  realName: z.boolean(),
  counted: z.boolean(),
  invalid: z.boolean(),
  stage: z.enum(STAGES),
  callAttempts: z.number(),
  callBack: z.nullable(z.object({ at: ms, by: id, channel: z.enum(CONTACT_CHANNELS), note: text })),
  decision: z.nullable(
    z.object({
      path: z.enum(DECISION_PATHS), at: ms, by: id, text, deadline: text, reason: z.nullable(z.enum(NOT_ADOPTED_REASONS)),
      approverId: z.nullable(id), approved: z.nullable(z.object({ at: ms, by: id })), awaitingApproval: z.boolean(),
    }),
  ),
  rectification: z.nullable(z.object({ at: ms, by: id, what: z.string() })),
  reply: z.nullable(z.object({ at: ms, by: id, channel: z.enum(CONTACT_CHANNELS), text: z.string() })),
  closedAt: z.nullable(ms),
  reopened: z.nullable(z.object({ count: z.number(), lastAt: ms, lastReason: z.string() })),
  callBackDue: z.nullable(due),
  fixDue: due,
  callBackState: z.enum(DEADLINE_STATES),
  fixState: z.enum(DEADLINE_STATES),
  overdue: z.boolean(),
});

const n = z.number();
const SubtotalSchema = z.object({
  total: n, counted: n, invalid: n, realName: n,
  byPath: z.object({ FIX_NOW: n, FIX_WITHIN_5: n, SPECIAL: n, NOT_ADOPTED: n }),
  undecided: n, awaitingApproval: n, rectified: n, replied: n, closed: n, overdue: n,
});

export const AnnualReportSchema = z.object({
  year: z.number(),
  generatedAt: ms,
  /** The unit asked for, or null for every unit in scope. */
  unitId: z.nullable(id),
  units: z.array(z.object({ unitId: id, windows: z.array(z.object({ windowId: id, entries: z.array(EntrySchema) })), subtotal: SubtotalSchema })),
  total: SubtotalSchema,
  /** Names for the ids above (rated staff and handlers by name; no evaluator ever); units: every unit in scope. */
  refs: z.object({
    units: z.array(z.object({ id, name: LocalizedTextSchema })),
    windows: z.array(z.object({ id, unitId: id, number: z.string(), name: LocalizedTextSchema })),
    staff: z.array(z.object({ id, name: z.string() })),
    reasons: z.array(ReasonSchema),
    serviceItems: z.array(z.object({ id, name: LocalizedTextSchema })),
  }),
});
export type AnnualReport = z.infer<typeof AnnualReportSchema>;
export type AnnualRefs = AnnualReport['refs'];
