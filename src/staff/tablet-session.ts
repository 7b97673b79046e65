import { callApi } from '../api/client';
import { API } from '../domain/endpoints';
import type { KioskDatabase } from '../data/db';
import { readEnrolment } from '../data/kiosk-store';

/**
 * A staff session opened on an enrolled kiosk tablet tells the server which tablet it is on, proven by the
 * tablet's own credential: ratings made on it while this person is signed in are flagged STAFF_SIGNED_IN
 * (src/domain/rating-flags.ts). Best effort: a browser that is no kiosk has no enrolment and sends nothing; a
 * failure (offline) is tried again at the next start of the staff screens.
 */
export async function reportTabletSession(db: KioskDatabase): Promise<boolean> {
  const enrolment = await readEnrolment(db).catch(() => undefined);
  if (!enrolment) return false;
  const result = await callApi(API.deviceSignIn, {}, { credential: enrolment.credential, timeoutMs: 10_000 });
  return result.kind === 'ok';
}
