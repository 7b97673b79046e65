import { describe, expect, it } from 'vitest';
import { buildRatingRecord, submitRating } from '../../src/data/submit-rating';
import { dropInvitation, markInvitationShown, readHeldInvitation, readInvitationAfter, receiveInvitation } from '../../src/data/invitation-store';
import { askForInvitation, readKioskServiceCases, refreshKioskServiceCases } from '../../src/data/kiosk-invitation';
import { setMeta } from '../../src/data/meta';
import { uuidv7, uuidv7Time } from '../../src/domain/ids';
import { hasLapsed, holdInvitation, invitationFields, localInvitation, type HeldInvitation } from '../../src/domain/invitation-hold';
import { DEFAULT_INVITATION_LAPSE_MS, type Invitation, type KioskServiceCase } from '../../src/domain/rating-invitation';
import { DEMO_DEVICE } from '../support/ratings';
import { demoConfig, freshDb } from '../support/kiosk-fixtures';

const ctx = { config: demoConfig, deviceId: DEMO_DEVICE, locale: 'zh-CN' as const, staffId: 'demo-s1' };
const item = { 'zh-CN': '营业执照办理', en: 'Business licence', bo: 'ཚོང་ལས་ཆོག་མཆན།' };

function invitation(createdAt: number, overrides: Partial<Invitation> = {}): Invitation {
  return {
    id: uuidv7(createdAt),
    unitId: 'demo-unit',
    windowId: 'demo-w1',
    serviceCaseId: uuidv7(createdAt),
    staffId: 'demo-s1',
    caseNo: 'BJ2026113000017',
    caseNoMasked: '***********0017',
    serviceItemId: 'demo-item-1',
    serviceItemName: item,
    source: 'TABLET',
    createdAt,
    expiresAt: createdAt + DEFAULT_INVITATION_LAPSE_MS,
    ...overrides,
  };
}

describe('an invitation on the device clock', () => {
  it('keeps the time the server left it, however far the two clocks disagree', () => {
    const serverTime = 1_800_000_000_000; // the server's clock
    const inv = invitation(serverTime - 20_000); // made 20 s before the answer: 160 s left
    const deviceNow = serverTime - 3_600_000; // the tablet is an hour behind
    const held = holdInvitation(inv, serverTime, deviceNow);
    expect(held.localExpiresAt).toBe(deviceNow + 160_000);
    expect(hasLapsed(held, deviceNow + 159_999)).toBe(false);
    expect(hasLapsed(held, deviceNow + 160_000)).toBe(true);
    // Already past its expiry on the server: lapsed at once, never given time back.
    expect(hasLapsed(holdInvitation(inv, inv.expiresAt + 5_000, deviceNow), deviceNow)).toBe(true);
  });

  it('gives the rating the whole 办件编号, the invitation id and the time it was first shown', () => {
    const now = Date.now();
    const held: HeldInvitation = { ...holdInvitation(invitation(now), now, now), shownAt: now + 1_000 };
    expect(invitationFields(held, now + 4_000)).toEqual({ caseNumber: 'BJ2026113000017', sessionId: held.invitation.id, invitedAt: now + 1_000 });
    // Not yet marked as shown (a tap in the same frame), or a clock that stepped back: never after the tap.
    expect(invitationFields({ ...held, shownAt: undefined }, now + 4_000).invitedAt).toBe(now + 4_000);
    expect(invitationFields(held, now + 500).invitedAt).toBe(now + 500);
  });

  it('makes the staff panel’s invitation like a server one: source KIOSK, a UUIDv7 of now, the default lapse', () => {
    const now = 1_900_000_000_000; // ids never go backwards: a time ahead of any id made before in this file
    const c: KioskServiceCase = { id: uuidv7(), caseNo: 'X-1', caseNoMasked: '**-1', serviceItemId: 'demo-item-1', serviceItemName: item, staffId: null, status: 'ACCEPTED', acceptedAt: now - 1, rated: false };
    const held = localInvitation({ unitId: 'demo-unit', windowId: 'demo-w1' }, 'demo-s2', c, now);
    expect(held.invitation).toMatchObject({ source: 'KIOSK', caseNo: 'X-1', caseNoMasked: '**-1', serviceCaseId: c.id, staffId: 'demo-s2', windowId: 'demo-w1', createdAt: now });
    expect(uuidv7Time(held.invitation.id)).toBe(now);
    expect(held.localExpiresAt).toBe(now + DEFAULT_INVITATION_LAPSE_MS);
  });
});

describe('the rating that answers an invitation', () => {
  it('carries caseNumber, sessionId and invitedAt, and clears the invitation in its own transaction', async () => {
    const db = await freshDb();
    const now = Date.now();
    const held = holdInvitation(invitation(now), now, now);
    await receiveInvitation(db, held, now);
    await markInvitationShown(db, held.invitation.id, now + 10);
    const shown = (await readHeldInvitation(db))!;
    const record = buildRatingRecord({ level: 'VERY_SATISFIED' }, { ...ctx, invitation: shown }, now + 3_000);
    expect(record).toMatchObject({ caseNumber: 'BJ2026113000017', sessionId: held.invitation.id, invitedAt: now + 10 });
    await submitRating(db, record);
    expect(await readHeldInvitation(db)).toBeUndefined();
    expect((await db.ratings.get(record.id))!.record.sessionId).toBe(held.invitation.id);
  });

  it('links only once: a second rating made from the same invitation is kept, uninvited', async () => {
    const db = await freshDb();
    const now = Date.now();
    const held = holdInvitation(invitation(now), now, now);
    await receiveInvitation(db, held, now);
    // Both built before either commits (two taps in one frame, or two tabs).
    const first = buildRatingRecord({ level: 'SATISFIED' }, { ...ctx, invitation: held }, now + 100);
    const second = buildRatingRecord({ level: 'VERY_SATISFIED' }, { ...ctx, invitation: held }, now + 101);
    await Promise.all([submitRating(db, first), submitRating(db, second)]);
    const rows = await db.ratings.toArray();
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.record.sessionId === held.invitation.id)).toHaveLength(1);
    const other = rows.find((r) => r.record.sessionId === undefined)!;
    expect(other.record.caseNumber).toBeUndefined();
    expect(other.record.invitedAt).toBeUndefined();
  });

  it('is uninvited once the invitation lapsed, even if the screen still held it', () => {
    const now = Date.now();
    const held = holdInvitation(invitation(now), now, now);
    const record = buildRatingRecord({ level: 'SATISFIED' }, { ...ctx, invitation: held }, held.localExpiresAt + 1);
    expect(record.sessionId).toBeUndefined();
    expect(record.caseNumber).toBeUndefined();
  });
});

describe('the held invitation', () => {
  it('is replaced by a newer one, dropped at its lapse only, and asked after by the last server id', async () => {
    const db = await freshDb();
    const now = Date.now();
    const a = holdInvitation(invitation(now), now, now);
    expect(await receiveInvitation(db, a, now)).toBe(true);
    await markInvitationShown(db, a.invitation.id, now + 1);
    // The same invitation again keeps its first showing.
    expect(await receiveInvitation(db, a, now + 2)).toBe(false);
    expect((await readHeldInvitation(db))!.shownAt).toBe(now + 1);
    await dropInvitation(db, { lapsedAt: a.localExpiresAt - 1 });
    expect(await readHeldInvitation(db)).toBeDefined();
    const b = holdInvitation(invitation(now + 5), now + 5, now + 5);
    await receiveInvitation(db, b, now + 5);
    expect((await readHeldInvitation(db))!.invitation.id).toBe(b.invitation.id);
    expect(await readInvitationAfter(db)).toBe(b.invitation.id);
    await dropInvitation(db, { lapsedAt: b.localExpiresAt });
    expect(await readHeldInvitation(db)).toBeUndefined();
    // One that lapsed on its way is not shown, but the poll no longer asks for it.
    const c = holdInvitation(invitation(now + 9, { expiresAt: now + 9 }), now + 20, now + 20);
    expect(await receiveInvitation(db, c, now + 20)).toBe(false);
    expect(await readHeldInvitation(db)).toBeUndefined();
    expect(await readInvitationAfter(db)).toBe(c.invitation.id);
  });
});

describe('the kiosk’s invitation calls', () => {
  async function enrolledDb() {
    const db = await freshDb();
    await setMeta(db, 'device', { id: DEMO_DEVICE, windowId: 'demo-w1', credential: 'hcd_secret', enrolledAt: Date.now() });
    return db;
  }
  const answer = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

  it('asks with the device credential, after the last id, and holds the answer on the device clock', async () => {
    const db = await enrolledDb();
    await setMeta(db, 'invitationAfter', '0190f0e0-0000-7000-8000-000000000001');
    const serverTime = Date.now() + 7_200_000; // a server clock two hours ahead
    const inv = invitation(serverTime - 1_000);
    const seen: { url: string; auth: string | null }[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, auth: new Headers(init.headers).get('authorization') });
      return answer({ invitation: inv, serverTime });
    }) as typeof fetch;
    try {
      const before = Date.now();
      expect(await askForInvitation(db, 20_000)).toEqual({ kind: 'ok', received: true });
      expect(seen[0].url).toBe('/api/v1/kiosk/invitation?after=0190f0e0-0000-7000-8000-000000000001&waitMs=20000');
      expect(seen[0].auth).toBe('Bearer hcd_secret');
      const held = (await readHeldInvitation(db))!;
      expect(held.localExpiresAt - before).toBeGreaterThanOrEqual(DEFAULT_INVITATION_LAPSE_MS - 1_000);
      expect(held.localExpiresAt - Date.now()).toBeLessThanOrEqual(DEFAULT_INVITATION_LAPSE_MS - 1_000);
      expect(await readInvitationAfter(db)).toBe(inv.id);

      // Another window's invitation is never shown here.
      globalThis.fetch = (async () => answer({ invitation: invitation(serverTime, { windowId: 'demo-w2' }), serverTime })) as unknown as typeof fetch;
      expect(await askForInvitation(db, 20_000)).toEqual({ kind: 'ok', received: false });
      expect((await readHeldInvitation(db))!.invitation.id).toBe(inv.id);

      // A failure is reported for the loop's backoff; nothing held changes.
      globalThis.fetch = (async () => new Response('busy', { status: 503, headers: { 'retry-after': '7' } })) as unknown as typeof fetch;
      expect(await askForInvitation(db, 20_000)).toMatchObject({ kind: 'failed', retryAfterMs: 7_000 });
      expect((await readHeldInvitation(db))!.invitation.id).toBe(inv.id);
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('keeps the window’s 办件 list for offline use, and reads back only this window’s copy of the right shape', async () => {
    const db = await enrolledDb();
    const list = { day: '2026-11-30', serviceCases: [{ id: uuidv7(), caseNo: 'A1', caseNoMasked: '**1', serviceItemId: 'demo-item-1', serviceItemName: item, staffId: 'demo-s1', status: 'ACCEPTED', acceptedAt: Date.now(), rated: false }] };
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async () => answer(list)) as unknown as typeof fetch;
    try {
      expect(await refreshKioskServiceCases(db)).toBe(true);
      expect((await readKioskServiceCases(db))!.response).toEqual(list);
      globalThis.fetch = (async () => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch;
      expect(await refreshKioskServiceCases(db)).toBe(false);
      expect((await readKioskServiceCases(db))!.response).toEqual(list); // offline: the copy stays
    } finally {
      globalThis.fetch = realFetch;
    }
    await setMeta(db, 'device', { id: DEMO_DEVICE, windowId: 'demo-w2', credential: 'hcd_other', enrolledAt: Date.now() });
    expect(await readKioskServiceCases(db)).toBeUndefined(); // another window's list is not this kiosk's
  });
});
