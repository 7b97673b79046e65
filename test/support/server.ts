import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, type AppOptions } from '../../sync-server/app';
import { ensurePublishedCalendar } from '../../sync-server/calendar-seed';
import { hashPassword } from '../../sync-server/crypto/passwords';
import { hashPin } from '../../src/domain/pin';
import { DEMO_PASSWORD, DEMO_PIN, demoHall } from '../../sync-server/store/demo-hall';
import { openStore } from '../../sync-server/store/open-store';
import type { Store } from '../../sync-server/store/store';
import { installResponseCheck, type ResponseCheck } from './response-check';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `hcp-${prefix}-`));
}

export interface InProcessServer {
  app: import('fastify').FastifyInstance;
  baseUrl: string;
  store: Store;
  dataDir: string;
  /** Every JSON answer checked against the endpoint table's response schema (response-check.ts). */
  responseCheck: ResponseCheck;
  /** Fails when an answer did not match its schema, so a drifting route fails the tests that called it. */
  close(): Promise<void>;
}

let demoSecrets: Promise<{ passwordHash: string; pinHash: string }> | undefined;

/**
 * The store of a data folder (key file made beside it), seeded with the demo hall when empty. `env` may select
 * PostgreSQL (DATABASE_URL, DATABASE_SCHEMA) as the server's environment does.
 */
export async function openDemoStore(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<Store> {
  const { store } = await openStore(dataDir, env);
  demoSecrets ??= Promise.all([hashPassword(DEMO_PASSWORD), hashPin(DEMO_PIN)]).then(([passwordHash, pinHash]) => ({ passwordHash, pinHash }));
  if (await store.isCatalogEmpty()) await store.seed(demoHall(await demoSecrets));
  await ensurePublishedCalendar(store);
  return store;
}

/** The real app on a real SQLite file (or PostgreSQL through `env`), listening on a free port of 127.0.0.1. */
export async function startInProcessServer(
  opts: {
    bodyLimitBytes?: number;
    dataDir?: string;
    demo?: boolean;
    app?: Partial<Omit<AppOptions, 'store'>>;
    /** Benchmarks measure the server as it runs in production, without the tests' answer check. */
    checkResponses?: boolean;
    /** The store's environment: DATABASE_URL (+ DATABASE_SCHEMA) for PostgreSQL; SQLite in dataDir without. */
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<InProcessServer> {
  const dataDir = opts.dataDir ?? tempDir('srv');
  const store = await openDemoStore(dataDir, opts.env);
  const app = await buildApp({ store, bodyLimitBytes: opts.bodyLimitBytes, demo: opts.demo ?? true, ...opts.app });
  const responseCheck = opts.checkResponses === false ? { checked: new Set<string>(), mismatches: [] } : installResponseCheck(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as net.AddressInfo;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    store,
    dataDir,
    responseCheck,
    async close() {
      await app.close();
      await store.close();
      if (responseCheck.mismatches.length > 0) {
        throw new Error(`answers that do not match the endpoint table (src/domain/endpoints.ts):\n${responseCheck.mismatches.join('\n')}`);
      }
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface ServerProcess {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

/**
 * The server as its own process, as `npm start` runs it: from the build (dist-server) when `built`, otherwise
 * from source through tsx. Resolves once /api/v1/health answers.
 */
export async function spawnServer(opts: { dataDir: string; port?: number; env?: Record<string, string>; built?: boolean; scheme?: 'http' | 'https' }): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const args = opts.built ? [path.join(root, 'dist-server/main.js')] : ['--import', 'tsx', path.join(root, 'sync-server/main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: opts.dataDir, LOG_LEVEL: 'warn', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const scheme = opts.scheme ?? 'http';
  const baseUrl = `${scheme}://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${out}`);
    const up = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1', () => {
        sock.destroy();
        resolve(true);
      });
      sock.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    baseUrl,
    child,
    output: () => out,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** POST a JSON body (optionally gzip) and return status and parsed body. */
export async function postJson(url: string, body: unknown, init: { gzip?: boolean; headers?: Record<string, string> } = {}) {
  const { gzipSync } = await import('node:zlib');
  const json = typeof body === 'string' ? body : JSON.stringify(body);
  const payload = init.gzip ? gzipSync(json) : json;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(init.gzip ? { 'content-encoding': 'gzip' } : {}), ...init.headers },
    body: payload,
  });
  const text = await res.text();
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
