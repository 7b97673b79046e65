import { BAD_RESPONSE, callPath, isUnknownAnswer } from '../api/client';
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
export async function apiRequest<T>(method: string, path: string, body?: RequestBody): Promise<T> {
  const entry = findEndpoint(method, path);
  if (!entry) throw new Error(`${method} ${path} is not in the endpoint table (src/domain/endpoints.ts)`);
  const sent = body === undefined ? undefined : 'json' in body ? body.json : body.blob.type === body.type ? body.blob : new Blob([body.blob], { type: body.type });
  const result = await callPath<T>(entry, path, sent, { timeoutMs: 20_000 });
  switch (result.kind) {
    case 'ok':
      return result.body;
    case 'retryable': {
      // Not reached, or a 2xx page that is not our JSON (a captive portal, a proxy): as good as no network.
      if (result.status === undefined || (result.error.code === BAD_RESPONSE && result.status < 300)) throw new ApiRequestError(0, 'NETWORK', result.error.message);
      const seconds = result.retryAfterMs === undefined ? undefined : result.retryAfterMs / 1000;
      throw new ApiRequestError(result.status, result.error.code, result.error.message, seconds !== undefined && seconds > 0 ? seconds : undefined);
    }
    case 'tooLarge':
      throw new ApiRequestError(413, result.error.code, result.error.message);
    default:
      // A JSON 200 of another shape (a proxy's, or a server of another version) is not the server's answer either:
      // screens keep their cached copy, as with no network.
      if (isUnknownAnswer(result)) throw new ApiRequestError(0, 'NETWORK', result.error.message);
      throw new ApiRequestError(result.status, result.error.code, result.error.message);
  }
}
