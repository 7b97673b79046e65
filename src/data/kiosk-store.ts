import type { KioskConfig } from '../domain/sync-api';
import type { KioskDatabase } from './db';
import { getMeta, type MetaValues } from './meta';

/**
 * What this tablet holds about itself as a kiosk, read by the kiosk, the set-up screen and /device; written only
 * by the enrolment and check-in (device-enrolment.ts) and the demo refresh (kiosk-config.ts).
 */
export const readKioskConfig = (db: KioskDatabase): Promise<KioskConfig | undefined> => getMeta(db, 'kioskConfig');

/** The enrolment (window and credential), when the tablet is enrolled. */
export const readEnrolment = (db: KioskDatabase): Promise<MetaValues['device'] | undefined> => getMeta(db, 'device');

/** The id this tablet names itself with in every record, once made. */
export const readDeviceId = (db: KioskDatabase): Promise<string | undefined> => getMeta(db, 'deviceId');

/** How far the server's clock is ahead of this tablet's, as last measured (0 before the first answer). */
export const readClockOffset = async (db: KioskDatabase): Promise<number> => (await getMeta(db, 'clockOffsetMs')) ?? 0;
