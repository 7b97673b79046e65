import { callPath, isLikeNoNetwork, statusOf } from '../api/client';
import { findEndpoint } from '../domain/endpoints';

/** A refusal from the server ({error: {code, message}}) or a failure to reach it (status 0, code NETWORK). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds the server asked to wait (Retry-After), when it did. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export type RequestBody = { json: unknown } | { blob: Blob; type: string };

/**
 * Calls the API with the session cookie; answers parsed JSON (or null for 204), or throws ApiRequestError. The
 * route is looked up in the endpoint table (src/domain/endpoints.ts) and its answer checked against the entry's
 * schema by the one client (src/api/client.ts); this keeps the throwing form the screens were written for.
 */
export async function apiRequest<T>(method: string, path: string, body?: RequestBody, opts: { timeoutMs?: number } = {}): Promise<T> {
  const entry = findEndpoint(method, path);
  if (!entry) throw new Error(`${method} ${path} is not in the endpoint table (src/domain/endpoints.ts)`);
  const sent = body === undefined ? undefined : 'json' in body ? body.json : body.blob.type === body.type ? body.blob : new Blob([body.blob], { type: body.type });
  const result = await callPath<T>(entry, path, sent, { timeoutMs: opts.timeoutMs ?? 20_000 });
  if (result.kind === 'ok') return result.body;
  // Not reached, or a 200 that is not the server's answer (a captive portal, a proxy, a server of another version):
  // as good as no network, so screens keep their cached copy.
  if (isLikeNoNetwork(result)) throw new ApiRequestError(0, 'NETWORK', result.error.message);
  const seconds = result.kind === 'retryable' && result.retryAfterMs !== undefined ? result.retryAfterMs / 1000 : undefined;
  throw new ApiRequestError(statusOf(result), result.error.code, result.error.message, seconds !== undefined && seconds > 0 ? seconds : undefined);
}
