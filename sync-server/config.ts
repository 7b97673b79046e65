import net from 'node:net';
import path from 'node:path';
import { DEFAULT_CASE_RULES, type CaseRules } from '../src/domain/case-intake';
import { DEFAULT_INVITATION_LAPSE_MS } from '../src/domain/rating-invitation';
import { DEFAULT_FOLLOW_UP_WINDOW_DAYS } from '../src/domain/service-case-assessments';
import { CONTACT_RETENTION_DAYS, DEFAULT_CONTACT_RETENTION_DAYS } from '../src/domain/unsent-export';

export type TestHook = 'crash-after-commit';

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** Serve HTTPS when both are given: a tablet on the hall network needs a secure context. */
  tlsCertFile?: string;
  tlsKeyFile?: string;
  /**
   * DEMO=1 / DEMO=0, or null when unset. Only a new database follows it (unset means the demo hall); after that
   * the mode stored in the database rules, see server-mode.ts.
   */
  demoWanted: 'demo' | 'production' | null;
  /** Largest request body after decompression. */
  bodyLimitBytes: number;
  staticDir: string;
  /** Only for tests that must hit the window between commit and answer. */
  testHook?: TestHook;
  logLevel: string;
  /** "HH:MM" China time at which staff on duty at a kiosk are signed off. */
  shiftEndsAt: string;
  /** Case steps: the special path's deadline cap in days, and how far ahead of the server a step's time may be. */
  caseRules: CaseRules;
  /** Which X-Forwarded-For entries to believe: none, the last n hops, or those added by these proxies. */
  trustProxy: TrustProxy;
  /** KIOSK_CONTACT_RETENTION_DAYS: days held and refused records keep their contact on a tablet (default 30). */
  contactRetentionDays: number;
  /** How long a rating invitation (一次一评) stays open at the kiosk: INVITATION_LAPSE_SECONDS, 30–3600, default 180. */
  invitationLapseMs: number;
  /** How long after assessment 1 a 追评 is taken: FOLLOW_UP_DAYS, 1–366, default 30 (days of 24 h). */
  followUpWindowDays: number;
}

export type TrustProxy = false | number | string[];

/**
 * TRUST_PROXY: empty or 0 trusts no proxy; a whole number n trusts n hops (1: the one reverse proxy in front,
 * so the client is the address that proxy appended, the right-most); otherwise a comma-separated list of proxy
 * addresses or CIDR ranges. `true` is refused: it would believe the left-most entry, which any client writes.
 */
export function trustProxyFrom(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim();
  if (v === '' || v === '0' || v === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of list) {
    const [addr, prefix, ...rest] = entry.split('/');
    const family = net.isIP(addr);
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!family || !prefixOk || rest.length > 0) {
      throw new Error(`TRUST_PROXY must be a hop count (1 = one reverse proxy) or proxy addresses/CIDRs separated by commas, got "${value}"`);
    }
  }
  return list;
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

function demoWanted(value: string | undefined): 'demo' | 'production' | null {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '') return null;
  if (['1', 'true', 'yes', 'on'].includes(v)) return 'demo';
  if (['0', 'false', 'no', 'off'].includes(v)) return 'production';
  throw new Error(`DEMO must be 1 or 0, got "${value}"`);
}

function retentionDays(value: string | undefined): number {
  const days = intFrom(value, DEFAULT_CONTACT_RETENTION_DAYS, 'KIOSK_CONTACT_RETENTION_DAYS');
  if (days < CONTACT_RETENTION_DAYS.min || days > CONTACT_RETENTION_DAYS.max) {
    throw new Error(`KIOSK_CONTACT_RETENTION_DAYS must be ${CONTACT_RETENTION_DAYS.min}–${CONTACT_RETENTION_DAYS.max}, got "${value}"`);
  }
  return days;
}

/** "A few minutes": long enough to walk to the kiosk, short enough that the next person is not credited. */
function invitationLapseMs(value: string | undefined): number {
  const seconds = intFrom(value, DEFAULT_INVITATION_LAPSE_MS / 1000, 'INVITATION_LAPSE_SECONDS');
  if (seconds < 30 || seconds > 3600) throw new Error(`INVITATION_LAPSE_SECONDS must be 30–3600, got "${value}"`);
  return seconds * 1000;
}

function followUpWindowDays(value: string | undefined): number {
  const days = intFrom(value, DEFAULT_FOLLOW_UP_WINDOW_DAYS, 'FOLLOW_UP_DAYS');
  if (days < 1 || days > 366) throw new Error(`FOLLOW_UP_DAYS must be 1–366, got "${value}"`);
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
    demoWanted: demoWanted(env.DEMO),
    bodyLimitBytes: intFrom(env.BODY_LIMIT_BYTES, 2 * 1024 * 1024, 'BODY_LIMIT_BYTES'),
    staticDir: path.resolve(cwd, env.STATIC_DIR || 'dist'),
    testHook: hook ? (hook as TestHook) : undefined,
    logLevel: env.LOG_LEVEL || 'info',
    shiftEndsAt: shiftEnd(env.KIOSK_SHIFT_END),
    caseRules: {
      specialDeadlineMaxDays: intFrom(env.CASE_SPECIAL_DEADLINE_MAX_DAYS, DEFAULT_CASE_RULES.specialDeadlineMaxDays, 'CASE_SPECIAL_DEADLINE_MAX_DAYS'),
      clockSkewMs: intFrom(env.CASE_CLOCK_SKEW_SECONDS, DEFAULT_CASE_RULES.clockSkewMs / 1000, 'CASE_CLOCK_SKEW_SECONDS') * 1000,
    },
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
    contactRetentionDays: retentionDays(env.KIOSK_CONTACT_RETENTION_DAYS),
    invitationLapseMs: invitationLapseMs(env.INVITATION_LAPSE_SECONDS),
    followUpWindowDays: followUpWindowDays(env.FOLLOW_UP_DAYS),
  };
}
