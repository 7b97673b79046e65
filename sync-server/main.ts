import fs from 'node:fs';
import { buildApp, APP_VERSION } from './app';
import { configFromEnv } from './config';
import { demoHall } from './store/demo-hall';
import { openStore } from './store/open-store';

async function main() {
  const config = configFromEnv();
  const store = openStore(config.dataDir);
  if (config.demo && (await store.isCatalogEmpty())) await store.seedCatalog(demoHall());
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
  app.log.info(`好差评 Window: ${scheme}://${shown}:${config.port}/ (data in ${config.dataDir}, store ${store.kind}${config.demo ? ', demo hall' : ''})`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
