import net from 'node:net';
import path from 'node:path';

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
  /** Which X-Forwarded-For entries to believe: none, the last n hops, or those added by these proxies. */
  trustProxy: TrustProxy;
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
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
  };
}
