import { callApi, callPath, isUnknownAnswer, type ApiResult, type CallOptions } from '../api/client';
import { API } from '../domain/endpoints';
import type { Health, PushRequest, PushResponse } from '../domain/sync-api';

/** Every way a request can end, sorted by what the sync engine must do about it (the one client's result). */
export type TransportResult<T> = ApiResult<T>;

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

/**
 * A 200 that is not the server's answer (a captive portal's JSON, a proxy's) is retried, never a refusal: a
 * permanent result would send the whole batch to the dead letters.
 */
function unknownAnswerIsRetryable<T>(result: ApiResult<T>): ApiResult<T> {
  return isUnknownAnswer(result) && result.kind === 'permanent' ? { kind: 'retryable', error: result.error, status: result.status } : result;
}

/** Sends one batch; bodies over 1 KiB travel gzip-compressed. */
export async function pushRatings(body: PushRequest, opts: TransportOptions = {}): Promise<TransportResult<PushResponse>> {
  const { path, ...rest } = opts;
  const call: CallOptions = { ...rest, gzipAbove: COMPRESS_ABOVE_BYTES };
  // Every batch route shares the envelope and the answer (the pushRatings entry's schemas); `path` picks the route.
  const result = await callPath<PushResponse>(API.pushRatings, path ?? API.pushRatings.path, body, call);
  return unknownAnswerIsRetryable(result);
}

export async function fetchHealth(opts: TransportOptions = {}): Promise<TransportResult<Health>> {
  const { path: _path, ...rest } = opts;
  return unknownAnswerIsRetryable(await callApi(API.health, {}, rest));
}
