import { verifyPin } from '../domain/pin';
import type { StaffCard } from '../domain/sync-api';
import type { KioskDatabase } from '../data/db';
import { readPinFailures, savePinFailures } from '../data/on-duty-store';
import { MAX_PIN_FAILURES, PIN_LOCK_MS } from './on-duty';

export type PinCheck = { kind: 'ok' } | { kind: 'wrong'; left: number } | { kind: 'locked'; minutes: number } | { kind: 'no-pin' };

/**
 * Checks a staff member's PIN against the roster's hash, counting wrong PINs per staff member: a passer-by who
 * types five wrong PINs locks only the person they chose, never sign-on (or the device screen) for everyone.
 * Used by the sign-on pad and by the /device lock.
 */
export async function checkStaffPin(db: KioskDatabase, staff: StaffCard, pin: string, now = Date.now()): Promise<PinCheck> {
  if (!staff.pinHash) return { kind: 'no-pin' };
  const all = await readPinFailures(db);
  const mine = all[staff.id] ?? { count: 0, lockedUntil: 0 };
  if (mine.lockedUntil > now) return { kind: 'locked', minutes: Math.ceil((mine.lockedUntil - now) / 60_000) };
  if (await verifyPin(pin, staff.pinHash)) {
    if (all[staff.id]) {
      const { [staff.id]: _cleared, ...rest } = await readPinFailures(db);
      await savePinFailures(db, rest);
    }
    return { kind: 'ok' };
  }
  const count = mine.count + 1;
  const locked = count >= MAX_PIN_FAILURES;
  // Read again after the slow PBKDF2 check so a colleague's count written meanwhile is kept.
  const latest = await readPinFailures(db);
  await savePinFailures(db, { ...latest, [staff.id]: { count: locked ? 0 : count, lockedUntil: locked ? now + PIN_LOCK_MS : 0 } });
  return locked ? { kind: 'locked', minutes: PIN_LOCK_MS / 60_000 } : { kind: 'wrong', left: MAX_PIN_FAILURES - count };
}
