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

/** Calls the API with the session cookie; answers parsed JSON (or null for 204), or throws ApiRequestError. */
export async function apiRequest<T>(method: string, path: string, body?: RequestBody): Promise<T> {
  const headers: Record<string, string> = {};
  let payload: BodyInit | undefined;
  if (body && 'json' in body) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body) {
    headers['content-type'] = body.type;
    payload = body.blob;
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store', signal: AbortSignal.timeout(20_000) });
  } catch (err) {
    throw new ApiRequestError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  if (res.status === 204) return null as T;
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // A page that is not our JSON (a captive portal, a proxy error) is as good as no network.
    throw new ApiRequestError(res.ok ? 0 : res.status, res.ok ? 'NETWORK' : `HTTP_${res.status}`, text.slice(0, 200));
  }
  if (!res.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    const retry = Number(res.headers.get('retry-after'));
    throw new ApiRequestError(res.status, error?.code ?? `HTTP_${res.status}`, error?.message ?? res.statusText, Number.isFinite(retry) && retry > 0 ? retry : undefined);
  }
  return json as T;
}
