import { useCallback, useEffect, useState } from 'react';
import { apiRequest, ApiRequestError } from '../../account/api-client';
import { ADMIN_PREFIX } from '../../domain/admin-api';
import type { AdminCatalog } from '../shared/catalog-types';

export const ADMIN_CATALOG_PATH = `${ADMIN_PREFIX}/catalog`;

export interface CatalogState {
  catalog: AdminCatalog | null;
  /** The last load's failure, if it failed; the previous catalogue (if any) stays shown. */
  error: unknown;
  reload(): Promise<void>;
}

/**
 * The whole catalogue (units, windows, staff, reasons, service items), fetched fresh: the admin screens work
 * online only, and every change reloads it so each table shows what the server now holds.
 */
export function useCatalog(onSignedOut: () => void): CatalogState {
  const [catalog, setCatalog] = useState<AdminCatalog | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    try {
      setCatalog(await apiRequest<AdminCatalog>('GET', ADMIN_CATALOG_PATH));
      setError(null);
    } catch (err) {
      setError(err);
      // The session ended (expired, or ended by a password reset elsewhere): back to the sign-in screen.
      if (err instanceof ApiRequestError && err.status === 401) onSignedOut();
    }
  }, [onSignedOut]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { catalog, error, reload };
}
