import { uuidv7 } from '../domain/ids';
import type { LevelKey } from '../domain/levels';
import type { Locale } from '../domain/locales';
import { RatingRecordSchema, type RatingRecord } from '../domain/rating';
import { RATING_SCHEMA_VERSION } from '../domain/rating-limits';
import type { Contact } from '../domain/contact';
import type { KioskConfig } from '../domain/sync-api';
import type { KioskDatabase, LocalRating } from './db';

/** What the citizen chose; everything else comes from the kiosk's context. */
export interface RatingDraft {
  level: LevelKey;
  reasons?: string[];
  otherReason?: string;
  comment?: string;
  contact?: Contact;
}

export interface KioskContext {
  config: KioskConfig;
  deviceId: string;
  locale: Locale;
  /** The staff member on duty, credited with the rating; none when nobody has signed on. */
  staffId?: string;
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
    contact,
    channel: 'HALL_TABLET',
    unitId: ctx.config.unit.id,
    windowId: ctx.config.window.id,
    staffId: ctx.staffId,
    deviceId: ctx.deviceId,
    deviceTime: now,
    locale: ctx.locale,
  });
}

/**
 * Writes the rating and its outbox entry in one strict-durability transaction and resolves only after the
 * commit: the caller may thank the citizen when this resolves, not before.
 */
export async function submitRating(db: KioskDatabase, record: RatingRecord, now: number = Date.now()): Promise<LocalRating> {
  const local: LocalRating = { id: record.id, record, createdAt: now };
  await db.transaction('rw', db.ratings, db.outbox, async () => {
    await db.ratings.add(local);
    await db.outbox.add({ id: record.id, stream: 'kiosk', state: 'pending', attempts: 0, enqueuedAt: now, updatedAt: now });
  });
  return local;
}
