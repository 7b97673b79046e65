import { uuidv7 } from './ids';
import { DEFAULT_INVITATION_LAPSE_MS, type Invitation, type KioskServiceCase } from './rating-invitation';

// The invitation a kiosk holds (一次一评), as plain rules. The kiosk keeps it in IndexedDB
// (src/data/invitation-store.ts) so a reload keeps it; its first paint imports only the type.

/** What a kiosk keeps of one invitation: the server's (or its own staff panel's) record, read on the device clock. */
export interface HeldInvitation {
  invitation: Invitation;
  /** `expiresAt` moved onto the device clock: the kiosk compares it with Date.now(), never with the server's. */
  localExpiresAt: number;
  /** The device clock when the kiosk first showed it: the rating's `invitedAt`. Absent until it is on screen. */
  shownAt?: number;
}

/**
 * Holds a server's invitation on the device clock. The server's answer carries its own clock (`serverTime`), read
 * when the answer arrived (`receivedAt`, device clock): the time left is the server's `expiresAt - serverTime`,
 * however far the two clocks disagree. The answer's trip back is not subtracted: it only makes the lapse a little
 * later, never earlier than the server's.
 */
export function holdInvitation(invitation: Invitation, serverTime: number, receivedAt: number): HeldInvitation {
  const left = Math.max(0, invitation.expiresAt - serverTime);
  return { invitation, localExpiresAt: receivedAt + left };
}

/**
 * The invitation the kiosk's staff panel makes for one of its window's 办件 (offline too): like a server one, source
 * KIOSK, its id a UUIDv7 made here, already on the device clock, lapsing after DEFAULT_INVITATION_LAPSE_MS.
 */
export function localInvitation(
  place: { unitId: string; windowId: string },
  staffId: string,
  c: KioskServiceCase,
  now: number = Date.now(),
  lapseMs: number = DEFAULT_INVITATION_LAPSE_MS,
): HeldInvitation {
  const invitation: Invitation = {
    id: uuidv7(now),
    unitId: place.unitId,
    windowId: place.windowId,
    serviceCaseId: c.id,
    staffId,
    caseNo: c.caseNo,
    caseNoMasked: c.caseNoMasked,
    serviceItemId: c.serviceItemId,
    serviceItemName: c.serviceItemName,
    source: 'KIOSK',
    createdAt: now,
    expiresAt: now + lapseMs,
  };
  return { invitation, localExpiresAt: invitation.expiresAt };
}

/** Lapsed: the citizen did not rate in time; the 办件 stays unrated and the kiosk is uninvited again. */
export const hasLapsed = (held: HeldInvitation, now: number): boolean => now >= held.localExpiresAt;

/**
 * Whether a newly received invitation replaces the one held: a different id, newer (UUIDv7 ids are time-ordered) or
 * a server one replacing a local one made while offline. The same id again keeps the held copy (and its shownAt).
 */
export function replacesHeld(held: HeldInvitation | undefined, next: Invitation): boolean {
  if (!held) return true;
  return held.invitation.id !== next.id;
}

/** The fields the next rating carries: the whole 办件编号, the invitation's id, and when the kiosk showed it. */
export function invitationFields(held: HeldInvitation, now: number): { caseNumber: string; sessionId: string; invitedAt: number } {
  // Shown before the tap by construction; a clock that stepped back must not put the invitation after the rating.
  const invitedAt = Math.min(held.shownAt ?? now, now);
  return { caseNumber: held.invitation.caseNo, sessionId: held.invitation.id, invitedAt };
}
