import { createContext, useContext } from 'react';
import type { KioskDatabase } from './data/db';
import type { SyncRuntime } from './data/sync-runtime';

export interface AppServices {
  db: KioskDatabase;
  sync: Pick<SyncRuntime, 'trigger'>;
}

export const AppServicesContext = createContext<AppServices | null>(null);

export function useAppServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (!services) throw new Error('AppServicesContext is missing');
  return services;
}
