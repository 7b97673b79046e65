import { uuidv7 } from '../domain/ids';
import type { LevelKey } from '../domain/levels';
import type { Locale } from '../domain/locales';
import { RatingRecordSchema, type RatingRecord } from '../domain/rating';
import { RATING_SCHEMA_VERSION } from '../domain/rating-limits';
import type { Contact } from '../domain/contact';
import type { KioskConfig } from '../domain/sync-api';
import type { KioskDatabase, LocalRating } from './db';
import { readHeldInvitation } from './invitation-store';
import { hasLapsed, invitationFields, type HeldInvitation } from '../domain/invitation-hold';

/** What the citizen chose; everything else comes from the kiosk's context. */
export interface RatingDraft {
  level: LevelKey;
  reasons?: string[];
  otherReason?: string;
  comment?: string;
  /** The citizen allows the comment on /public once scrubbed and approved (issue 16); default private. */
  publishComment?: boolean;
  contact?: Contact;
}

export interface KioskContext {
  config: KioskConfig;
  deviceId: string;
  locale: Locale;
  /** The staff member on duty, credited with the rating; none when nobody has signed on. */
  staffId?: string;
  /** The invitation on screen when the citizen tapped; none uninvited (or lapsed by the time of the tap). */
  invitation?: HeldInvitation;
}

export function buildRatingRecord(draft: RatingDraft, ctx: KioskContext, now: number = Date.now()): RatingRecord {
  const contact = draft.contact && Object.values(draft.contact).some((v) => v) ? draft.contact : undefined;
  return RatingRecordSchema.parse({
    id: uuidv7(now),
    v: RATING_SCHEMA_VERSION,
    level: draft.level,
    reasons: draft.reasons ?? [],
    otherReason: draft.otherReason || undefined,
    comment: draft.comment || undefined,
    // Sent only when given (absent is private): records made before the question existed stay the same record.
    publishComment: draft.publishComment && draft.comment ? true : undefined,
    contact,
    channel: 'HALL_TABLET',
    unitId: ctx.config.unit.id,
    windowId: ctx.config.window.id,
    staffId: ctx.staffId,
    deviceId: ctx.deviceId,
    deviceTime: now,
    locale: ctx.locale,
    ...(ctx.invitation && !hasLapsed(ctx.invitation, now) ? invitationFields(ctx.invitation, now) : {}),
  });
}

/** The record without its invitation: what a second tap on an invitation already answered becomes. */
function uninvited(record: RatingRecord): RatingRecord {
  const { caseNumber: _c, sessionId: _s, invitedAt: _i, ...rest } = record;
  return rest;
}

/**
 * Writes the rating and its outbox entry in one strict-durability transaction and resolves only after the
 * commit: the caller may thank the citizen when this resolves, not before. A rating that answers an invitation
 * clears it in the same transaction; if it is no longer held (another tap, or another tab, answered it first, or it
 * was replaced), the rating is kept uninvited: exactly one rating per invitation, and no rating lost.
 */
export async function submitRating(db: KioskDatabase, record: RatingRecord, now: number = Date.now()): Promise<LocalRating> {
  let local: LocalRating = { id: record.id, record, createdAt: now };
  const tables = record.sessionId === undefined ? [db.ratings, db.outbox] : [db.ratings, db.outbox, db.meta];
  await db.transaction('rw', tables, async () => {
    if (record.sessionId !== undefined) {
      const held = await readHeldInvitation(db);
      if (held?.invitation.id === record.sessionId) await db.meta.delete('invitation');
      else local = { ...local, record: uninvited(record) };
    }
    await db.ratings.add(local);
    await db.outbox.add({ id: record.id, stream: 'kiosk', state: 'pending', attempts: 0, enqueuedAt: now, updatedAt: now });
  });
  return local;
}
