import * as z from 'zod/mini';
import { CatalogIdSchema, ChannelSchema, ContactSchema, LevelKeySchema, LocaleSchema, optionalText, ReasonKeySchema, UuidV7Schema } from './base-schemas';
import { isBadLevel } from './levels';
import { OTHER_REASON } from './reasons';

import { MAX_COMMENT_LENGTH, MAX_OTHER_REASON_LENGTH, RATING_SCHEMA_VERSION } from './rating-limits';

const epochMs = z.int().check(z.positive());

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
      if (r.invitedAt !== undefined && r.invitedAt > r.deviceTime) issue('invitedAt', 'invitation after the rating');
    }),
  );

export type RatingRecord = z.infer<typeof RatingRecordSchema>;
