import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError, apiRequest } from '../../src/account/api-client';
import { callApi } from '../../src/api/client';
import { API } from '../../src/domain/endpoints';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const summary = { open: 2, overdue: 1, latestReceivedAt: null };

describe('the one API client (src/api/client.ts)', () => {
  it('fills the path from the entry and its parameters, and answers the checked body', async () => {
    const fetchImpl = vi.fn(async (..._args: Parameters<typeof fetch>) => json({ id: 'r1', checkedBy: 'demo-s4', checkedAt: 5 }));
    const result = await callApi(API.paperCheckConfirm, { params: { id: 'a b' } }, { fetch: fetchImpl as typeof fetch, baseUrl: 'http://x' });
    expect(result).toMatchObject({ kind: 'ok', body: { id: 'r1', checkedBy: 'demo-s4' } });
    expect(fetchImpl.mock.calls[0][0]).toBe('http://x/api/v1/forms/checks/a%20b/confirm');
    expect(fetchImpl.mock.calls[0][1]).toMatchObject({ method: 'POST' });
  });

  it('makes an answer of another shape a permanent BAD_RESPONSE, not a crash; a page that is not JSON is retried', async () => {
    const drifted = await callApi(API.caseSummary, {}, { fetch: (async () => json({ open: 'two' })) as typeof fetch });
    expect(drifted).toMatchObject({ kind: 'permanent', status: 200, error: { code: 'BAD_RESPONSE' } });
    const portal = await callApi(API.caseSummary, {}, { fetch: (async () => new Response('<html>Wi-Fi</html>')) as typeof fetch });
    expect(portal).toMatchObject({ kind: 'retryable', error: { code: 'BAD_RESPONSE' } });
    expect(await callApi(API.caseSummary, {}, { fetch: (async () => json(summary)) as typeof fetch })).toMatchObject({ kind: 'ok', body: summary });
  });

  it('sorts refusals like the sync transport', async () => {
    const refusal = (status: number) => callApi(API.caseSummary, {}, { fetch: (async () => json({ error: { code: 'X', message: 'y' } }, status)) as typeof fetch });
    expect((await refusal(413)).kind).toBe('tooLarge');
    expect((await refusal(503)).kind).toBe('retryable');
    expect((await refusal(401)).kind).toBe('auth');
    expect(await refusal(409)).toMatchObject({ kind: 'permanent', status: 409, error: { code: 'X' } });
    const unreachable = await callApi(API.caseSummary, {}, { fetch: (async () => Promise.reject(new TypeError('down'))) as typeof fetch });
    expect(unreachable).toMatchObject({ kind: 'retryable', error: { code: 'NETWORK' } });
  });

  it('keeps apiRequest throwing as the screens expect: a 200 of another shape is like no network', async () => {
    vi.stubGlobal('fetch', async () => json({ open: 'two' }));
    const err = await apiRequest('GET', '/api/v1/cases/summary').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect((err as ApiRequestError).isNetwork).toBe(true);
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'wait' } }), { status: 429, headers: { 'retry-after': '7' } }));
    await expect(apiRequest('POST', '/api/v1/auth/sign-in', { json: {} })).rejects.toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 7 });
    vi.stubGlobal('fetch', async () => new Response(null, { status: 204 }));
    expect(await apiRequest('POST', '/api/v1/auth/sign-out')).toBeNull();
    await expect(apiRequest('GET', '/api/v1/nowhere')).rejects.toThrow(/endpoint table/);
    vi.unstubAllGlobals();
  });
});
