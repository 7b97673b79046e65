import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AppServicesContext } from './app-context';
import { kioskDb } from './data/db';
import { bindWindowFromUrl } from './data/kiosk-binding';
import type { SyncTrigger } from './data/sync-engine';
import { initI18n } from './i18n';
import { startServiceWorker } from './pwa/sw-updates';
import './styles/base.css';

async function boot() {
  const db = kioskDb();
  await bindWindowFromUrl(db, window.location.search);
  await initI18n();
  startServiceWorker();
  // Sync starts right after the first paint, in its own chunk; a trigger before then waits for it.
  const runtime = import('./data/sync-runtime').then((m) => m.startSyncRuntime(db));
  const sync = { trigger: async (reason: SyncTrigger) => (await runtime).trigger(reason) };
  // Ask the browser not to evict the queue under storage pressure; installed apps are usually granted it.
  void navigator.storage?.persisted().then((granted) => granted || navigator.storage.persist());
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppServicesContext.Provider value={{ db, sync }}>
        <App path={window.location.pathname} />
      </AppServicesContext.Provider>
    </StrictMode>,
  );
}

void boot();
