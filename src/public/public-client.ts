import { callApi, type ApiResult } from '../api/client';
import { API } from '../domain/endpoints';

/**
 * The public page reads only /api/v1/public (what a portal could read too). Unlike the staff screens it lets the
 * browser's HTTP cache work: within max-age an answer comes from the cache, after it the browser asks with
 * If-None-Match and a 304 costs no body (the API client's own fetch is no-store).
 */
const cachedFetch: typeof fetch = (input, init) => fetch(input, { ...init, cache: 'default' });
const opts = { fetch: cachedFetch, timeoutMs: 20_000 };

export const fetchUnits = () => callApi(API.publicUnits, {}, opts);
export const fetchMonth = (unitId: string, month: string) => callApi(API.publicMonth, { params: { unitId, month } }, opts);
export const fetchTrend = (unitId: string, month: string) => callApi(API.publicTrend, { params: { unitId }, query: { month } }, opts);
export const fetchReviews = (unitId: string, month: string) => callApi(API.publicReviews, { params: { unitId }, query: { month } }, opts);

export type { ApiResult };
