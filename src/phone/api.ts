import { PHONE_BROWSER_HEADER } from '../domain/phone-constants';
import type { PhonePage, PhoneRatingRequest } from '../domain/rating-link';
import { browserId } from './pending';

// The two public calls of the phone page. Answers are checked by hand for the fields the page reads (the zod
// schemas would put the validator into the first paint); anything else is treated as "the server cannot be reached".

export type PageAnswer = { kind: 'page'; page: PhonePage } | { kind: 'unknown' } | { kind: 'unreachable' };
export type RatingAnswer =
  | { kind: 'stored'; assessmentNo: number }
  | { kind: 'closed' }
  | { kind: 'unknown' }
  | { kind: 'limited'; retryAfterS: number }
  | { kind: 'refused'; code: string; message: string }
  /** Network down, timeout, 5xx, or not the server's answer (a captive portal): keep it and send again. */
  | { kind: 'unreachable' };

const apiPath = (token: string) => `/api/v1/r/${encodeURIComponent(token)}`;

async function call(url: string, init: RequestInit): Promise<{ status: number; body: any; headers: Headers } | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 15_000);
  try {
    const res = await fetch(url, { ...init, signal: controller.signal, credentials: 'omit', cache: 'no-store' });
    const body = (res.headers.get('content-type') ?? '').includes('application/json') ? await res.json() : null;
    return { status: res.status, body, headers: res.headers };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

export async function fetchPage(token: string): Promise<PageAnswer> {
  const res = await call(apiPath(token), { method: 'GET' });
  if (res?.status === 200 && res.body && Array.isArray(res.body.reasons) && typeof res.body.state === 'string') return { kind: 'page', page: res.body as PhonePage };
  if (res?.status === 404 && res.body?.error?.code === 'RATING_LINK_UNKNOWN') return { kind: 'unknown' };
  return { kind: 'unreachable' };
}

export async function postRating(token: string, request: PhoneRatingRequest, windowLink: boolean): Promise<RatingAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (windowLink) headers[PHONE_BROWSER_HEADER] = browserId();
  const res = await call(apiPath(token), { method: 'POST', headers, body: JSON.stringify({ ...request, sentAt: Date.now() }) });
  if (!res || res.status >= 500 || res.status === 408 || !res.body) return { kind: 'unreachable' };
  if (res.status === 200 && typeof res.body.assessmentNo === 'number') return { kind: 'stored', assessmentNo: res.body.assessmentNo };
  const code = String(res.body.error?.code ?? '');
  if (code === 'RATING_LINK_CLOSED') return { kind: 'closed' };
  if (code === 'RATING_LINK_UNKNOWN') return { kind: 'unknown' };
  if (res.status === 429) return { kind: 'limited', retryAfterS: Number(res.headers.get('retry-after')) || 60 };
  if (code) return { kind: 'refused', code, message: String(res.body.error?.message ?? code) };
  return { kind: 'unreachable' };
}
