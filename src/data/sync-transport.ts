import { HEALTH_PATH, PUSH_RATINGS_PATH } from '../domain/sync-constants';
import {
  ErrorEnvelopeSchema,
  HealthSchema,
  PushResponseSchema,
  type ApiError,
  type Health,
  type PushRequest,
  type PushResponse,
} from '../domain/sync-api';

/** Every way a request can end, sorted by what the sync engine must do about it. */
export type TransportResult<T> =
  | { kind: 'ok'; body: T; bytesSent: number }
  | { kind: 'retryable'; error: ApiError; retryAfterMs?: number }
  | { kind: 'tooLarge'; error: ApiError }
  | { kind: 'permanent'; status: number; error: ApiError }
  | { kind: 'auth'; status: number; error: ApiError };

export interface TransportOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** An enrolled kiosk's credential, sent as a bearer token. */
  credential?: string;
  /** Where the batch goes: kiosk ratings by default, paper forms to their own route. */
  path?: string;
}

const COMPRESS_ABOVE_BYTES = 1024;

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function retryAfterMs(res: Response): number | undefined {
  const h = res.headers.get('retry-after');
  if (!h) return undefined;
  const seconds = Number(h);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(h);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

async function errorOf(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  try {
    return ErrorEnvelopeSchema.parse(JSON.parse(text)).error;
  } catch {
    return { code: `HTTP_${res.status}`, message: text.slice(0, 200) || res.statusText };
  }
}

async function request<T>(
  path: string,
  init: RequestInit,
  parse: (json: unknown) => T,
  bytesSent: number,
  opts: TransportOptions,
): Promise<TransportResult<T>> {
  const doFetch = opts.fetch ?? fetch;
  let res: Response;
  try {
    const headers = { ...(init.headers as Record<string, string>), ...(opts.credential ? { authorization: `Bearer ${opts.credential}` } : {}) };
    res = await doFetch(`${opts.baseUrl ?? ''}${path}`, {
      ...init,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
  } catch (err) {
    return { kind: 'retryable', error: { code: 'NETWORK', message: err instanceof Error ? err.message : String(err) } };
  }
  if (res.ok) {
    try {
      // A captive portal or proxy may answer 200 with a page of its own: that is not the server's answer.
      return { kind: 'ok', body: parse(await res.json()), bytesSent };
    } catch (err) {
      return { kind: 'retryable', error: { code: 'BAD_RESPONSE', message: err instanceof Error ? err.message : String(err) } };
    }
  }
  const error = await errorOf(res);
  if (res.status === 413) return { kind: 'tooLarge', error };
  if (res.status === 408 || res.status === 429 || res.status >= 500) return { kind: 'retryable', error, retryAfterMs: retryAfterMs(res) };
  if (res.status === 401 || res.status === 403) return { kind: 'auth', status: res.status, error };
  return { kind: 'permanent', status: res.status, error };
}

/** Sends one batch; bodies over 1 KiB travel gzip-compressed. */
export async function pushRatings(body: PushRequest, opts: TransportOptions = {}): Promise<TransportResult<PushResponse>> {
  const json = JSON.stringify(body);
  const compress = json.length > COMPRESS_ABOVE_BYTES && typeof CompressionStream !== 'undefined';
  const payload = compress ? await gzip(json) : json;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (compress) headers['content-encoding'] = 'gzip';
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload).length : payload.length;
  return request(opts.path ?? PUSH_RATINGS_PATH, { method: 'POST', headers, body: payload as BodyInit }, (j) => PushResponseSchema.parse(j), bytes, opts);
}

export async function fetchHealth(opts: TransportOptions = {}): Promise<TransportResult<Health>> {
  return request(HEALTH_PATH, { method: 'GET' }, (j) => HealthSchema.parse(j), 0, opts);
}
