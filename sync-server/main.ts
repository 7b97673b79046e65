import fs from 'node:fs';
import { DEFAULT_KIOSK_SETTINGS } from '../src/domain/sync-constants';
import { buildApp, APP_VERSION } from './app';
import { configFromEnv } from './config';
import { ensurePublishedCalendar } from './calendar-seed';
import { hashPassword } from './crypto/passwords';
import { loadUnsentExportKey } from './crypto/unsent-export-key';
import { hashPin } from '../src/domain/pin';
import { DEMO_PASSWORD, DEMO_PIN, demoHall } from './store/demo-hall';
import { openStore } from './store/open-store';

async function main() {
  const config = configFromEnv();
  const { store, key } = openStore(config.dataDir);
  const notes: string[] = [];
  await ensurePublishedCalendar(store);
  if (key.source === 'created') notes.push(`made the contact-data key ${key.file}: back it up apart from the database`);
  const exportKey = loadUnsentExportKey(config.dataDir);
  if (exportKey.source === 'created') notes.push(`made the unsent-records key ${exportKey.file}: back it up with the contact-data key`);
  if (await store.isCatalogEmpty()) {
    if (config.demo) {
      await store.seed(demoHall({ passwordHash: await hashPassword(DEMO_PASSWORD), pinHash: await hashPin(DEMO_PIN) }));
      notes.push(`seeded the demo hall; demo accounts sign in with password ${DEMO_PASSWORD}, kiosk PIN ${DEMO_PIN} (see README)`);
    } else {
      notes.push('production mode with an empty catalogue: create the first administrator with `npm run create-admin`');
    }
  }
  const https =
    config.tlsCertFile && config.tlsKeyFile
      ? { cert: fs.readFileSync(config.tlsCertFile), key: fs.readFileSync(config.tlsKeyFile) }
      : undefined;
  const app = await buildApp({
    store,
    version: APP_VERSION,
    demo: config.demo,
    bodyLimitBytes: config.bodyLimitBytes,
    staticDir: config.staticDir,
    kioskSettings: { ...DEFAULT_KIOSK_SETTINGS, shiftEndsAt: config.shiftEndsAt, contactRetentionDays: config.contactRetentionDays },
    unsentExportKey: exportKey.publicKey,
    push: config.testHook === 'crash-after-commit' ? { afterCommit: () => process.kill(process.pid, 'SIGKILL') } : undefined,
    // Per-request lines would drown the log: every kiosk checks in every 15 s. Errors are still logged.
    fastify: { logger: { level: config.logLevel }, disableRequestLogging: true, ...(https ? { https } : {}) } as object,
  });
  const shutdown = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  await app.listen({ host: config.host, port: config.port });
  const scheme = https ? 'https' : 'http';
  const shown = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  app.log.info(`好差评 Window: ${scheme}://${shown}:${config.port}/ (data in ${config.dataDir}, store ${store.kind}, ${config.demo ? 'demo mode' : 'production mode'})`);
  for (const note of notes) app.log.info(note);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
