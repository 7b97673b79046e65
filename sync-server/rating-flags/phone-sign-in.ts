import type { FastifyRequest } from 'fastify';
import { resolveActor } from '../auth/session';
import type { Store } from '../store/store';

/**
 * The phone page's hook for STAFF_SIGNED_IN (issue 14): a phone-page rating posted by a browser that carries a
 * session cookie of the staff member it rates was made where that person is signed in. Call it after the rating
 * is stored, with the rating's device id (the phone's browser id) and its time; it records an instant sign-in of
 * that person on that device, which the flag rules read like a tablet session. Any other cookie (none, another
 * person's, expired) records nothing. Answers whether it recorded.
 */
export async function notePhoneRatingBySignedInStaff(
  store: Store,
  request: FastifyRequest,
  rating: { staffId?: string | null; deviceId: string; ratedAt: number },
): Promise<boolean> {
  if (!rating.staffId) return false;
  const actor = request.actor ?? (await resolveActor(request, store));
  if (!actor || actor.id !== rating.staffId) return false;
  await store.recordStaffSignIn({
    staffId: actor.id, deviceId: rating.deviceId, tokenHash: actor.tokenHash, source: 'PHONE_RATING', at: rating.ratedAt, endedAt: rating.ratedAt,
  });
  return true;
}
