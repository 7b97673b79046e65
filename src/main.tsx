import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AppServicesContext, type AppServices } from './app-context';
import { kioskDb } from './data/db';
import { bindWindowFromUrl } from './data/kiosk-binding';
import type { SyncTrigger } from './data/sync-engine';
import { initI18n } from './i18n';
import { startServiceWorker } from './pwa/sw-updates';
import { PUBLIC_PATH } from './routes';
import './styles/base.css';

/** /public is read by citizens' phones and portals: nothing of the hall's app (worker, outbox, sync) starts there. */
const isPublicPage = (path: string) => path === PUBLIC_PATH || path.startsWith(`${PUBLIC_PATH}/`);

async function boot() {
  const db = kioskDb();
  const publicPage = isPublicPage(window.location.pathname);
  if (!publicPage) await bindWindowFromUrl(db, window.location.search);
  await initI18n();
  let sync: AppServices['sync'] = { trigger: async () => undefined };
  if (!publicPage) {
    startServiceWorker();
    // Sync starts right after the first paint, in its own chunk; a trigger before then waits for it.
    const runtime = import('./data/sync-runtime').then((m) => m.startSyncRuntime(db));
    sync = { trigger: async (reason: SyncTrigger) => (await runtime).trigger(reason) };
    // Ask the browser not to evict the queue under storage pressure; installed apps are usually granted it.
    void navigator.storage?.persisted().then((granted) => granted || navigator.storage.persist());
  }
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppServicesContext.Provider value={{ db, sync }}>
        <App path={window.location.pathname} />
      </AppServicesContext.Provider>
    </StrictMode>,
  );
}

void boot();
