import { callApi } from '../api/client';
import { API } from '../domain/endpoints';
import { holdInvitation } from '../domain/invitation-hold';
import type { KioskServiceCases } from '../domain/rating-invitation';
import type { KioskDatabase } from './db';
import { readInvitationAfter, receiveInvitation } from './invitation-store';
import { readEnrolment, readKioskConfig } from './kiosk-store';
import { getMeta, setMeta } from './meta';

// The kiosk's two invitation calls, with its device credential: the long poll for its window's invitation, and
// its copy of the window's 办件 of today for the staff panel offline. Loaded lazily (the API client and the
// schemas are not in the kiosk's first paint).

export type AskOutcome = { kind: 'ok'; received: boolean } | { kind: 'failed'; retryAfterMs?: number; code: string } | { kind: 'not-enrolled' };

/** fetch that also ends when the caller stops (the kiosk screen went away): a long poll must not outlive it. */
function fetchUntil(signal: AbortSignal | undefined): typeof fetch | undefined {
  if (!signal) return undefined;
  return (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
}

/**
 * Who asks: an enrolled kiosk with its credential (the server knows its window); a demo kiosk, which has none,
 * names the window of its configuration. Neither: nothing to ask.
 */
async function kioskIdentity(db: KioskDatabase): Promise<{ windowId: string; credential?: string; window?: string } | undefined> {
  const device = await readEnrolment(db);
  if (device) return { windowId: device.windowId, credential: device.credential };
  const config = await readKioskConfig(db);
  return config?.demo ? { windowId: config.window.id, window: config.window.id } : undefined;
}

/**
 * Asks the server for an invitation newer than the last one received, waiting up to `waitMs` on the server. A new
 * one is held on the device clock (its `expiresAt` read against the answer's `serverTime`).
 */
export async function askForInvitation(db: KioskDatabase, waitMs: number, signal?: AbortSignal): Promise<AskOutcome> {
  const device = await kioskIdentity(db);
  if (!device) return { kind: 'not-enrolled' };
  const after = await readInvitationAfter(db);
  const result = await callApi(
    API.kioskInvitation,
    { query: { after, waitMs, window: device.window } },
    // The server holds the request up to waitMs: the timeout covers that wait plus a slow network.
    { credential: device.credential, timeoutMs: waitMs + 15_000, fetch: fetchUntil(signal) },
  );
  if (result.kind !== 'ok') return { kind: 'failed', code: result.error.code, retryAfterMs: result.kind === 'retryable' ? result.retryAfterMs : undefined };
  const receivedAt = Date.now();
  const { invitation, serverTime } = result.body;
  // Another window's invitation is never shown here (the server should not send one; the kiosk does not trust it).
  if (!invitation || invitation.windowId !== device.windowId) return { kind: 'ok', received: false };
  return { kind: 'ok', received: await receiveInvitation(db, holdInvitation(invitation, serverTime, receivedAt), receivedAt) };
}

/** Brings the kiosk's copy of its window's 办件 of today up to date; false when the server could not answer. */
export async function refreshKioskServiceCases(db: KioskDatabase): Promise<boolean> {
  const device = await kioskIdentity(db);
  if (!device) return false;
  const result = await callApi(API.kioskServiceCases, { query: { window: device.window } }, { credential: device.credential, timeoutMs: 15_000 });
  if (result.kind !== 'ok') return false;
  await setMeta(db, 'kioskServiceCases', { windowId: device.windowId, fetchedAt: Date.now(), response: result.body });
  return true;
}

/**
 * The cached list, only if it is this window's and still has the shape this version reads (a copy saved by an
 * older version counts as none, like src/data/cached-responses.ts).
 */
export async function readKioskServiceCases(db: KioskDatabase): Promise<{ fetchedAt: number; response: KioskServiceCases } | undefined> {
  const [cached, device] = await Promise.all([getMeta(db, 'kioskServiceCases'), kioskIdentity(db)]);
  if (!cached || !device || cached.windowId !== device.windowId) return undefined;
  return API.kioskServiceCases.response.safeParse(cached.response).success ? cached : undefined;
}
