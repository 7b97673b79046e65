import path from 'node:path';
import { CONTACT_RETENTION_DAYS, DEFAULT_CONTACT_RETENTION_DAYS } from '../src/domain/unsent-export';

export type TestHook = 'crash-after-commit';

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** Serve HTTPS when both are given: a tablet on the hall network needs a secure context. */
  tlsCertFile?: string;
  tlsKeyFile?: string;
  /** Seed the clearly labelled demo hall into a fresh database. */
  demo: boolean;
  /** Largest request body after decompression. */
  bodyLimitBytes: number;
  staticDir: string;
  /** Only for tests that must hit the window between commit and answer. */
  testHook?: TestHook;
  logLevel: string;
  /** "HH:MM" China time at which staff on duty at a kiosk are signed off. */
  shiftEndsAt: string;
  /** KIOSK_CONTACT_RETENTION_DAYS: days held and refused records keep their contact on a tablet (default 30). */
  contactRetentionDays: number;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
}

function shiftEnd(value: string | undefined): string {
  if (!value) return '18:30';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) throw new Error(`KIOSK_SHIFT_END must be HH:MM, got "${value}"`);
  return value;
}

function retentionDays(value: string | undefined): number {
  const days = intFrom(value, DEFAULT_CONTACT_RETENTION_DAYS, 'KIOSK_CONTACT_RETENTION_DAYS');
  if (days < CONTACT_RETENTION_DAYS.min || days > CONTACT_RETENTION_DAYS.max) {
    throw new Error(`KIOSK_CONTACT_RETENTION_DAYS must be ${CONTACT_RETENTION_DAYS.min}–${CONTACT_RETENTION_DAYS.max}, got "${value}"`);
  }
  return days;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  const hook = env.HCP_TEST_HOOK;
  if (hook !== undefined && hook !== '' && hook !== 'crash-after-commit') {
    throw new Error(`HCP_TEST_HOOK "${hook}" is not a known test hook`);
  }
  if (Boolean(env.TLS_CERT) !== Boolean(env.TLS_KEY)) throw new Error('TLS_CERT and TLS_KEY go together');
  return {
    host: env.HOST || '0.0.0.0',
    port: intFrom(env.PORT, 8787, 'PORT'),
    dataDir: path.resolve(cwd, env.DATA_DIR || 'data'),
    tlsCertFile: env.TLS_CERT || undefined,
    tlsKeyFile: env.TLS_KEY || undefined,
    demo: env.DEMO !== '0' && env.DEMO !== 'false',
    bodyLimitBytes: intFrom(env.BODY_LIMIT_BYTES, 2 * 1024 * 1024, 'BODY_LIMIT_BYTES'),
    staticDir: path.resolve(cwd, env.STATIC_DIR || 'dist'),
    testHook: hook ? (hook as TestHook) : undefined,
    logLevel: env.LOG_LEVEL || 'info',
    shiftEndsAt: shiftEnd(env.KIOSK_SHIFT_END),
    contactRetentionDays: retentionDays(env.KIOSK_CONTACT_RETENTION_DAYS),
  };
}
