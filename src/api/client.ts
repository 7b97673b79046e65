import type { LocalErrorCode } from '../domain/error-codes';
import type * as z from 'zod/mini';
import { buildPath, FILE, IMAGE, type Endpoint, type PathParams, type RequestOf, type ResponseOf } from '../domain/endpoints';
import { ErrorEnvelopeSchema, type ApiError } from '../domain/sync-api';

/**
 * Every way a call can end, sorted by what the caller must do about it (the sync engine's model):
 * - ok: the server's answer, checked against the entry's response schema;
 * - retryable: not reached, timed out, 408/429/5xx, or a 2xx that is not JSON (a captive portal's page);
 * - tooLarge: 413, the batch is halved;
 * - permanent: any other refusal, and a JSON answer that does not match the schema (code BAD_RESPONSE, with
 *   the HTTP status: a 2xx one is no refusal, callers that must treat it like no network can tell);
 * - auth: 401/403, stop and keep everything.
 */
export type ApiResult<T> =
  | { kind: 'ok'; body: T; bytesSent: number }
  | { kind: 'retryable'; error: ApiError; retryAfterMs?: number; /** Absent when the server was not reached. */ status?: number }
  | { kind: 'tooLarge'; error: ApiError }
  | { kind: 'permanent'; status: number; error: ApiError }
  | { kind: 'auth'; status: number; error: ApiError };

export const BAD_RESPONSE: LocalErrorCode = 'BAD_RESPONSE';

export interface CallOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** An enrolled kiosk's credential, sent as a bearer token; without it the session cookie (same origin) goes. */
  credential?: string;
  /** JSON bodies longer than this travel gzip-compressed (where CompressionStream exists); never by default. */
  gzipAbove?: number;
}

type ParamsArg<E extends Endpoint> = keyof PathParams<E['path']> extends never ? { params?: undefined } : { params: PathParams<E['path']> };
type BodyArg<E extends Endpoint> = RequestOf<E, Blob> extends undefined ? { body?: undefined } : { body: RequestOf<E, Blob> };
export type CallInput<E extends Endpoint> = ParamsArg<E> & BodyArg<E> & { query?: Record<string, string | number | undefined> };

const DEFAULT_TIMEOUT_MS = 30_000;

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

function queryString(query: CallInput<Endpoint>['query']): string {
  const pairs = Object.entries(query ?? {}).filter((p): p is [string, string | number] => p[1] !== undefined);
  return pairs.length === 0 ? '' : `?${new URLSearchParams(pairs.map(([k, v]) => [k, String(v)])).toString()}`;
}

/** The body as it goes on the wire, its headers, and its size (what the sync status reports as sent). */
async function encodeBody(entry: Endpoint, body: unknown, opts: CallOptions): Promise<{ payload?: BodyInit; headers: Record<string, string>; bytes: number }> {
  if (entry.request === undefined || body === undefined) return { headers: {}, bytes: 0 };
  if (entry.request === IMAGE) {
    const blob = body as Blob;
    return { payload: blob, headers: { 'content-type': blob.type || 'image/jpeg' }, bytes: blob.size };
  }
  if (entry.request === FILE) {
    const blob = body as Blob;
    return { payload: blob, headers: { 'content-type': blob.type || 'application/octet-stream' }, bytes: blob.size };
  }
  const json = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.gzipAbove !== undefined && json.length > opts.gzipAbove && typeof CompressionStream !== 'undefined') {
    const zipped = await gzip(json);
    return { payload: zipped as BodyInit, headers: { ...headers, 'content-encoding': 'gzip' }, bytes: zipped.length };
  }
  return { payload: json, headers, bytes: new TextEncoder().encode(json).length };
}

/** Reads a 2xx answer: JSON checked against the entry's schema, an image as a Blob, a 204 as null. */
async function readAnswer<T>(entry: Endpoint, res: Response, bytesSent: number): Promise<ApiResult<T>> {
  if (entry.response === IMAGE) return { kind: 'ok', body: (await res.blob()) as T, bytesSent };
  let json: unknown = null;
  try {
    const text = res.status === 204 ? '' : await res.text();
    json = text ? JSON.parse(text) : null;
  } catch (err) {
    // A captive portal or proxy may answer 200 with a page of its own: that is not the server's answer.
    return { kind: 'retryable', error: { code: BAD_RESPONSE, message: err instanceof Error ? err.message : String(err) }, status: res.status };
  }
  const checked = (entry.response as z.ZodMiniType).safeParse(json);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue?.path.map(String).join('.') || 'body';
    return { kind: 'permanent', status: res.status, error: { code: BAD_RESPONSE, message: `${entry.method} ${entry.path} answered a shape this version does not know (${where}: ${issue?.message})` } };
  }
  // The answer as sent, not the parsed copy: loose schemas check what the app reads, and a field they do not name
  // (the server may add one) must not be dropped on the way.
  return { kind: 'ok', body: json as T, bytesSent };
}

/** Calls one entry of the endpoint table. Never throws: every outcome is an ApiResult. */
export async function callApi<E extends Endpoint>(entry: E, input: CallInput<E>, opts: CallOptions = {}): Promise<ApiResult<ResponseOf<E, Blob>>> {
  const path = buildPath(entry.path, (input.params ?? {}) as PathParams<E['path']>) + queryString(input.query);
  return callPath(entry, path, input.body, opts);
}

/** The same, for a caller that already holds the concrete path (src/account/api-client.ts). */
export async function callPath<T>(entry: Endpoint, path: string, body: unknown, opts: CallOptions = {}): Promise<ApiResult<T>> {
  const doFetch = opts.fetch ?? fetch;
  const encoded = await encodeBody(entry, body, opts);
  let res: Response;
  try {
    const headers = { ...encoded.headers, ...(opts.credential ? { authorization: `Bearer ${opts.credential}` } : {}) };
    res = await doFetch(`${opts.baseUrl ?? ''}${path}`, {
      method: entry.method,
      headers,
      body: encoded.payload,
      credentials: 'same-origin',
      cache: 'no-store',
      signal: AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (err) {
    return { kind: 'retryable', error: { code: 'NETWORK', message: err instanceof Error ? err.message : String(err) } };
  }
  if (res.ok) return readAnswer<T>(entry, res, encoded.bytes);
  const error = await errorOf(res);
  if (res.status === 413) return { kind: 'tooLarge', error };
  if (res.status === 408 || res.status === 429 || res.status >= 500) return { kind: 'retryable', error, retryAfterMs: retryAfterMs(res), status: res.status };
  if (res.status === 401 || res.status === 403) return { kind: 'auth', status: res.status, error };
  return { kind: 'permanent', status: res.status, error };
}

/** A 2xx whose JSON does not match: not a refusal by the server, so callers that keep work treat it like no network. */
export function isUnknownAnswer(result: ApiResult<unknown>): boolean {
  return result.kind === 'permanent' && result.status >= 200 && result.status < 300 && result.error.code === BAD_RESPONSE;
}

/**
 * Not reached, or a 2xx that is not the server's answer (a page, or JSON of another shape): what the screens and
 * the photo and device calls treat like no network, keeping their work and their cached copies.
 */
export function isLikeNoNetwork(result: ApiResult<unknown>): boolean {
  return (result.kind === 'retryable' && (result.status === undefined || result.status < 300)) || isUnknownAnswer(result);
}

/** The HTTP status of a refusal (0 when the server was not reached). */
export function statusOf(result: Exclude<ApiResult<unknown>, { kind: 'ok' }>): number {
  return result.kind === 'tooLarge' ? 413 : (result.status ?? 0);
}
