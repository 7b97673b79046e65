import { hasLapsed, replacesHeld, type HeldInvitation } from '../domain/invitation-hold';
import type { KioskDatabase } from './db';
import { getMeta, setMeta } from './meta';

// The invitation this kiosk holds (一次一评), kept in meta so a reload or a restart keeps it. No schema here: the
// idle kiosk reads it in its first paint. The rating that answers it clears it in its own transaction
// (src/data/submit-rating.ts), so two taps never link two ratings to one invitation.

export const readHeldInvitation = (db: KioskDatabase): Promise<HeldInvitation | undefined> => getMeta(db, 'invitation');

/** The newest server invitation received: the long poll's `after`. */
export const readInvitationAfter = (db: KioskDatabase): Promise<string | undefined> => getMeta(db, 'invitationAfter');

/**
 * A server invitation arrived: it becomes the one held (replacing a local one or an older one) unless it already
 * lapsed on the way, and the poll asks only for newer ones from now on, in one transaction.
 */
export async function receiveInvitation(db: KioskDatabase, held: HeldInvitation, now = Date.now()): Promise<boolean> {
  return db.transaction('rw', db.meta, async () => {
    await setMeta(db, 'invitationAfter', held.invitation.id);
    if (hasLapsed(held, now) || !replacesHeld(await readHeldInvitation(db), held.invitation)) return false;
    await setMeta(db, 'invitation', held);
    return true;
  });
}

/** An invitation made on this kiosk's staff panel (offline too): it replaces whatever was held. */
export const holdHere = (db: KioskDatabase, held: HeldInvitation): Promise<void> => setMeta(db, 'invitation', held);

/** The kiosk showed it for the first time: the device clock now is the rating's `invitedAt`. */
export async function markInvitationShown(db: KioskDatabase, id: string, at: number): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const held = await readHeldInvitation(db);
    if (held?.invitation.id === id && held.shownAt === undefined) await setMeta(db, 'invitation', { ...held, shownAt: at });
  });
}

/** Drops the held invitation when it lapsed (or, with `id`, only that one); the 办件 stays unrated. */
export async function dropInvitation(db: KioskDatabase, opts: { lapsedAt?: number; id?: string } = {}): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const held = await readHeldInvitation(db);
    if (!held) return;
    if (opts.id !== undefined && held.invitation.id !== opts.id) return;
    if (opts.lapsedAt !== undefined && !hasLapsed(held, opts.lapsedAt)) return;
    await db.meta.delete('invitation');
  });
}
