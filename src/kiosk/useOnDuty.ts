import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import type { KioskConfig, StaffCard } from '../domain/sync-api';
import type { KioskDatabase } from '../data/db';
import { clearOnDuty, readOnDuty, saveOnDuty } from '../data/on-duty-store';
import { activeOnDuty, nextShiftEnd } from './on-duty';

export interface OnDuty {
  /** Who the kiosk shows and credits: the person signed on, else (demo only) the window's first staff member. */
  serving: StaffCard | null;
  signedOnId: string | null;
  signOn(staffId: string): Promise<void>;
  signOff(): Promise<void>;
}

/** Staff on duty at this kiosk, kept in IndexedDB so a reload or restart keeps them on duty until the shift ends. */
export function useOnDuty(db: KioskDatabase, config: KioskConfig): OnDuty {
  const record = useLiveQuery(() => readOnDuty(db), [db]);
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  const active = activeOnDuty(record, config.roster ?? [], now);
  const signOn = useCallback(
    async (staffId: string) => {
      const at = Date.now();
      await saveOnDuty(db, { staffId, since: at, until: nextShiftEnd(at, config.settings.shiftEndsAt) });
      setNow(at);
    },
    [db, config.settings.shiftEndsAt],
  );
  const signOff = useCallback(async () => {
    await clearOnDuty(db);
  }, [db]);
  return { serving: active ?? config.staffOnDuty, signedOnId: active?.id ?? null, signOn, signOff };
}
