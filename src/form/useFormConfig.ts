import { useEffect, useState } from 'react';
import { PAPER_PATHS, type PaperFormConfig } from '../domain/paper-api';
import type { KioskDatabase } from '../data/db';
import { readPaperFormConfig, savePaperFormConfig } from '../data/paper-queue';
import { apiRequest } from '../account/api-client';

/**
 * The unit catalogue for the form: the server's when it answers, else the copy saved at the last answer, if that
 * copy is of the signed-in person's unit (a tablet may be shared with someone of another unit).
 */
export function useFormConfig(db: KioskDatabase, unitId: string): { config?: PaperFormConfig; failed: boolean } {
  const [config, setConfig] = useState<PaperFormConfig>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const fresh = await apiRequest<PaperFormConfig>('GET', PAPER_PATHS.config);
        await savePaperFormConfig(db, fresh);
        if (live) setConfig(fresh);
      } catch {
        const cached = await readPaperFormConfig(db, unitId);
        if (!live) return;
        if (cached) setConfig(cached);
        else setFailed(true);
      }
    })();
    return () => {
      live = false;
    };
  }, [db, unitId]);
  return { config, failed };
}
