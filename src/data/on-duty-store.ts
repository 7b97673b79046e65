import type { KioskDatabase } from './db';
import { getMeta, setMeta, type MetaValues } from './meta';

/** Who is serving at this kiosk (src/kiosk/useOnDuty.ts): kept so a reload or restart keeps them on duty. */
export type OnDutyRecord = MetaValues['onDuty'];

export const readOnDuty = (db: KioskDatabase): Promise<OnDutyRecord | undefined> => getMeta(db, 'onDuty');

export const saveOnDuty = (db: KioskDatabase, record: OnDutyRecord): Promise<void> => setMeta(db, 'onDuty', record);

/** Signed off: the kiosk credits nobody (or, in demo mode, the window's first staff member) until the next sign-on. */
export async function clearOnDuty(db: KioskDatabase): Promise<void> {
  await db.meta.delete('onDuty');
}

/** Wrong PINs per staff member at this kiosk (src/kiosk/pin-attempts.ts). */
export type PinFailures = MetaValues['pinFailuresByStaff'];

export const readPinFailures = async (db: KioskDatabase): Promise<PinFailures> => (await getMeta(db, 'pinFailuresByStaff')) ?? {};

export const savePinFailures = (db: KioskDatabase, failures: PinFailures): Promise<void> => setMeta(db, 'pinFailuresByStaff', failures);
