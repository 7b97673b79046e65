import { DEFAULT_CONTACT_RETENTION_DAYS } from '../domain/unsent-export';
import type { KioskDatabase } from './db';
import { getMeta } from './meta';

const DAY_MS = 86_400_000;

/** The configured retention (kiosk configuration), else the default: a staff-only tablet has no kiosk configuration. */
export async function contactRetentionDays(db: KioskDatabase): Promise<number> {
  return (await getMeta(db, 'kioskConfig'))?.settings.contactRetentionDays ?? DEFAULT_CONTACT_RETENTION_DAYS;
}

/**
 * A record the server holds back (conflict) or refused (dead) may wait on a tablet for a long time; its
 * evaluator's name and phone (and a paper form's photo, which shows them) are removed once it has been held
 * longer than the retention period, counted from when it was held. The rating itself stays for staff to resolve.
 * Returns how many records lost their contact.
 */
export async function dropExpiredContact(db: KioskDatabase, days: number, now = Date.now()): Promise<number> {
  const cutoff = now - days * DAY_MS;
  return db.transaction('rw', [db.outbox, db.ratings, db.photos], async () => {
    const held = await db.outbox.where('state').anyOf('conflict', 'dead').filter((i) => i.updatedAt <= cutoff).toArray();
    let dropped = 0;
    for (const item of held) {
      const rating = await db.ratings.get(item.id);
      if (rating?.record.contact) {
        const { contact: _removed, ...record } = rating.record;
        await db.ratings.put({ ...rating, record, contactDroppedAt: now });
        dropped++;
      }
      await db.photos.delete(item.id);
    }
    return dropped;
  });
}
