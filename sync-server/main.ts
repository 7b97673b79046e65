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
import { PgCaseNotifier } from './store/postgres/pg-notify';
import { SqliteCaseNotifier } from './store/sqlite/sqlite-notify';
import { decideServerMode } from './server-mode';
import { startDefaultJob, type DefaultJobSchedule } from './defaults/default-schedule';

async function main() {
  const config = configFromEnv();
  const { store, key } = await openStore(config.dataDir);
  const notes: string[] = [];
  await ensurePublishedCalendar(store);
  if (key.source === 'created') notes.push(`made the contact-data key ${key.file}: back it up apart from the database`);
  const exportKey = loadUnsentExportKey(config.dataDir);
  if (exportKey.source === 'created') notes.push(`made the unsent-records key ${exportKey.file}: back it up with the contact-data key`);
  // The demo hall's password hash is slow to make: only when a database may become the demo hall now.
  const demoSeed =
    (await store.serverMode()) === null && config.demoWanted !== 'production'
      ? demoHall({ passwordHash: await hashPassword(DEMO_PASSWORD), pinHash: await hashPin(DEMO_PIN) })
      : null;
  const decided = await store.settleServerMode((state) => decideServerMode(state, config.demoWanted, demoSeed));
  const demo = decided.mode === 'demo';
  const warnings = decided.notes.filter((n) => n.level === 'warn').map((n) => n.text);
  notes.push(...decided.notes.filter((n) => n.level === 'info').map((n) => n.text));
  if (decided.seed) notes.push(`demo kiosks go on duty with PIN ${DEMO_PIN}`);
  const https =
    config.tlsCertFile && config.tlsKeyFile
      ? { cert: fs.readFileSync(config.tlsCertFile), key: fs.readFileSync(config.tlsKeyFile) }
      : undefined;
  // Several instances may share one database (PostgreSQL, or one SQLite data folder): a case opened on one must
  // reach the live streams held by all of them.
  const logNoticeError = (err: unknown) => console.error('case notices:', err instanceof Error ? err.message : err);
  const caseNotifier =
    store.kind === 'postgres'
      ? await PgCaseNotifier.open({ connectionString: process.env.DATABASE_URL!.trim(), schema: process.env.DATABASE_SCHEMA || undefined, onError: logNoticeError })
      : new SqliteCaseNotifier(config.dataDir, { onError: logNoticeError });
  const app = await buildApp({
    caseNotifier,
    store,
    version: APP_VERSION,
    demo,
    bodyLimitBytes: config.bodyLimitBytes,
    staticDir: config.staticDir,
    kioskSettings: { ...DEFAULT_KIOSK_SETTINGS, shiftEndsAt: config.shiftEndsAt, contactRetentionDays: config.contactRetentionDays },
    unsentExportKey: exportKey.publicKey,
    caseRules: config.caseRules,
    invitations: { lapseMs: config.invitationLapseMs },
    phone: { assessment: { followUpWindowDays: config.followUpWindowDays } },
    trustProxy: config.trustProxy,
    push: config.testHook === 'crash-after-commit' ? { afterCommit: () => process.kill(process.pid, 'SIGKILL') } : undefined,
    // Per-request lines would drown the log: every kiosk checks in every 15 s. Errors are still logged.
    fastify: { logger: { level: config.logLevel }, disableRequestLogging: true, ...(https ? { https } : {}) } as object,
  });
  let defaultJob: DefaultJobSchedule | null = null;
  const shutdown = async () => {
    await defaultJob?.stop();
    await app.close();
    await caseNotifier.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  await app.listen({ host: config.host, port: config.port });
  // The default 满意 of finished 办件 (issue 14): now and every 10 minutes, after listening so it never delays start-up.
  defaultJob = startDefaultJob(store, { info: (m) => app.log.info(m), error: (m) => app.log.error(m) });
  const scheme = https ? 'https' : 'http';
  const shown = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  app.log.info(`好差评 Window: ${scheme}://${shown}:${config.port}/ (data in ${config.dataDir}, store ${store.kind}, ${demo ? 'demo mode' : 'production mode'})`);
  for (const note of notes) app.log.info(note);
  for (const warning of warnings) app.log.warn(warning);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
