import * as z from 'zod/mini';
import { CatalogIdSchema, ChannelSchema, ContactSchema, LevelKeySchema, LocaleSchema, optionalText, ReasonKeySchema, UuidV7Schema } from './base-schemas';
import { isBadLevel } from './levels';
import { OTHER_REASON } from './reasons';

import { MAX_COMMENT_LENGTH, MAX_OTHER_REASON_LENGTH, RATING_SCHEMA_VERSION } from './rating-limits';

const epochMs = z.int().check(z.positive());

/** What a typed-in paper form (Attachment 1) adds to a rating. */
export const PaperDetailsSchema = z.strictObject({
  serviceItemId: CatalogIdSchema,
  /** The day of the service, in China: "YYYY-MM-DD". */
  serviceDate: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date')),
  enteredBy: CatalogIdSchema,
  checkedBy: z.optional(CatalogIdSchema),
  /** A photo of the paper follows the record separately (it may be large; the record must not wait for it). */
  hasPhoto: z.boolean(),
});
export type PaperDetails = z.infer<typeof PaperDetailsSchema>;

/**
 * One rating as the device makes it and the server stores it. Everything here is decided on the device, so an
 * identical replay is the same record. Optional fields are room for later channels (case number, rating
 * session, invitation time, second assessment) so records already queued on devices never change shape.
 */
export const RatingRecordSchema = z
  .strictObject({
    id: UuidV7Schema,
    v: z.literal(RATING_SCHEMA_VERSION),
    level: LevelKeySchema,
    reasons: z.array(ReasonKeySchema).check(z.maxLength(20)),
    otherReason: optionalText(MAX_OTHER_REASON_LENGTH),
    comment: optionalText(MAX_COMMENT_LENGTH),
    /**
     * The evaluator allows the comment on /public once scrubbed and approved (issue 16). Absent = false = private;
     * the device sends it only when true, so records made before it existed hash as they did (canonical.ts).
     */
    publishComment: z.optional(z.boolean()),
    contact: z.optional(ContactSchema),
    channel: ChannelSchema,
    unitId: CatalogIdSchema,
    windowId: CatalogIdSchema,
    staffId: z.optional(CatalogIdSchema),
    deviceId: CatalogIdSchema,
    /** Device clock at the tap, Unix ms; the server corrects it by the offset it sees at sync. */
    deviceTime: epochMs,
    locale: LocaleSchema,
    caseNumber: optionalText(64),
    sessionId: z.optional(UuidV7Schema),
    invitedAt: z.optional(epochMs),
    assessmentNo: z.optional(z.int().check(z.minimum(1), z.maximum(2))),
    paper: z.optional(PaperDetailsSchema),
  })
  .check(
    z.superRefine((r, ctx) => {
      const issue = (path: string, message: string) => ctx.issues.push({ code: 'custom', path: [path], message, input: r });
      if (new Set(r.reasons).size !== r.reasons.length) issue('reasons', 'duplicate reason');
      if (isBadLevel(r.level)) {
        if (r.reasons.length === 0) issue('reasons', 'a bad review needs at least one reason');
      } else if (r.reasons.length > 0 || r.otherReason !== undefined) {
        issue('reasons', 'reasons belong to a bad review only');
      }
      const hasOther = r.reasons.includes(OTHER_REASON);
      if (hasOther && r.otherReason === undefined) issue('otherReason', 'OTHER needs its text');
      if (!hasOther && r.otherReason !== undefined) issue('otherReason', 'text given without OTHER');
      if (r.publishComment && r.comment === undefined) issue('publishComment', 'consent to publish needs a comment');
      if (r.publishComment && r.paper) issue('publishComment', 'a paper form does not ask to publish');
      if (r.invitedAt !== undefined && r.invitedAt > r.deviceTime) issue('invitedAt', 'invitation after the rating');
      if ((r.channel === 'PAPER') !== (r.paper !== undefined)) issue('paper', 'paper details go with the PAPER channel, and only with it');
      if (r.paper) {
        if (r.caseNumber === undefined) issue('caseNumber', 'a paper form names its case');
        if (r.staffId === undefined) issue('staffId', 'a paper form names the staff member');
        if (r.paper.checkedBy !== undefined && r.paper.checkedBy === r.paper.enteredBy) issue('paper', 'the checker is not the person who entered it');
      }
    }),
  );

export type RatingRecord = z.infer<typeof RatingRecordSchema>;
