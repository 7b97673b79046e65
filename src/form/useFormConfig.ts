import { useEffect, useState } from 'react';
import { PAPER_PATHS, type PaperFormConfig } from '../domain/paper-api';
import type { KioskDatabase } from '../data/db';
import { getMeta, setMeta } from '../data/meta';
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
        await setMeta(db, 'paperFormConfig', fresh);
        if (live) setConfig(fresh);
      } catch {
        const cached = await getMeta(db, 'paperFormConfig');
        if (!live) return;
        if (cached?.unit.id === unitId) setConfig(cached);
        else setFailed(true);
      }
    })();
    return () => {
      live = false;
    };
  }, [db, unitId]);
  return { config, failed };
}
