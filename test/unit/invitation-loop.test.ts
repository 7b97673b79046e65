// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { startInvitationLoop } from '../../src/data/invitation-loop';
import { readHeldInvitation } from '../../src/data/invitation-store';
import { setMeta } from '../../src/data/meta';
import { uuidv7 } from '../../src/domain/ids';
import { DEFAULT_INVITATION_LAPSE_MS } from '../../src/domain/rating-invitation';
import { DEMO_DEVICE } from '../support/ratings';
import { freshDb } from '../support/kiosk-fixtures';

const realFetch = globalThis.fetch;
const setOnline = (online: boolean) => Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
afterEach(() => {
  globalThis.fetch = realFetch;
  setOnline(true);
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const waitFor = async (what: string, ok: () => boolean | Promise<boolean>) => {
  const deadline = Date.now() + 5_000;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('the invitation loop', () => {
  it('asks one request at a time, backs off on failures, waits while offline, and holds what arrives', async () => {
    const db = await freshDb();
    await setMeta(db, 'device', { id: DEMO_DEVICE, windowId: 'demo-w1', credential: 'hcd_x', enrolledAt: Date.now() });
    const now = Date.now();
    const invitation = {
      id: uuidv7(now), unitId: 'demo-unit', windowId: 'demo-w1', serviceCaseId: null, staffId: 'demo-s1', caseNo: 'N-77', caseNoMasked: '*-77',
      serviceItemId: 'demo-item-1', serviceItemName: { 'zh-CN': '事项', en: 'Item', bo: 'དོན།' }, source: 'API', createdAt: now, expiresAt: now + DEFAULT_INVITATION_LAPSE_MS,
    };
    let inFlight = 0;
    let most = 0;
    const asked: string[] = [];
    let failuresLeft = 2;
    let offlineNow = false;
    let askedOffline = 0;
    globalThis.fetch = (async (url: string) => {
      if (offlineNow) {
        askedOffline++;
        throw new TypeError('Failed to fetch');
      }
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        await new Promise((r) => setTimeout(r, 5));
        if (url.startsWith('/api/v1/kiosk/service-cases')) return json({ day: '2026-11-30', serviceCases: [] });
        asked.push(url);
        if (failuresLeft-- > 0) return json({ error: { code: 'UNAVAILABLE', message: 'restarting' } }, 503);
        if (asked.length === 3) return json({ invitation, serverTime: now });
        // Later asks: nothing new within the wait.
        await new Promise((r) => setTimeout(r, 20));
        return json({ invitation: null, serverTime: Date.now() });
      } finally {
        inFlight--;
      }
    }) as typeof fetch;

    const stop = startInvitationLoop(db, { waitMs: 1_000, backoff: { baseMs: 20, capMs: 40 } });
    try {
      await waitFor('the invitation held', async () => (await readHeldInvitation(db))?.invitation.id === invitation.id);
      expect(asked.length).toBeGreaterThanOrEqual(3);
      expect(asked[0]).toBe('/api/v1/kiosk/invitation?waitMs=1000');
      await waitFor('an ask after the invitation', () => asked.length >= 4);
      expect(asked[3]).toBe(`/api/v1/kiosk/invitation?after=${invitation.id}&waitMs=1000`);

      // Offline: no request until the network returns.
      setOnline(false);
      await waitFor('the loop idle offline', () => inFlight === 0);
      const count = asked.length;
      offlineNow = true;
      await new Promise((r) => setTimeout(r, 80)); // several would-be asks' worth (each ~25 ms online)
      expect(askedOffline).toBe(0);
      expect(asked.length).toBe(count);
      offlineNow = false;
      const offlineCount = asked.length;
      setOnline(true);
      window.dispatchEvent(new Event('online'));
      await waitFor('asking again once online', () => asked.length > offlineCount);
      expect(most).toBe(1);
    } finally {
      stop();
    }
  });
});
