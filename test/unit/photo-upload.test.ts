// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskDatabase } from '../../src/data/db';
import { getMeta, setMeta } from '../../src/data/meta';
import { countOwnPhotosAfterTheirForm, countOwnWaitingPhotos, uploadPhotos } from '../../src/data/photo-upload';
import { submitPaperForm } from '../../src/data/submit-paper';
import { startSyncRuntime } from '../../src/data/sync-runtime';
import type { Me } from '../../src/domain/account-api';
import { uuidv7 } from '../../src/domain/ids';
import { EMPTY_PAPER_FORM, paperRecordFromForm } from '../../src/domain/paper-form';
import { freshDb } from '../support/kiosk-fixtures';
import { DEMO_DEVICE } from '../support/ratings';

const me: Me = { id: 'demo-s2', name: '王芳', employeeNo: 'D1002', unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF', 'LEAD'], photoUrl: null, mustChangePassword: false };
const jpeg = () => new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], { type: 'image/jpeg' });
const record = (enteredBy = me.id, hasPhoto = true) =>
  paperRecordFromForm(
    { ...EMPTY_PAPER_FORM, caseNumber: 'QH-1', serviceItemId: 'demo-item-1', windowId: 'demo-w1', staffId: 'demo-s1', serviceDate: '2026-11-20', level: 'SATISFIED', hasPhoto },
    { unitId: 'demo-unit', deviceId: DEMO_DEVICE, enteredBy, locale: 'zh-CN' },
  );
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

let db: KioskDatabase;
beforeEach(async () => {
  db = await freshDb();
  await setMeta(db, 'me', me);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** A photo whose record the server has acknowledged: no longer in the outbox. */
const acknowledged = async (id: string, enteredBy?: string) => db.photos.add({ id, blob: jpeg(), state: 'waiting', createdAt: 1, ...(enteredBy ? { enteredBy } : {}) });

describe('uploading photos of paper forms', () => {
  it('deletes a photo only when the server answers that it has it', async () => {
    const id = uuidv7();
    await acknowledged(id, me.id);
    const portal = vi.fn(async () => new Response('<html>Sign in to the hotel Wi-Fi</html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    expect(await uploadPhotos(db, portal)).toEqual({ uploaded: 0, waiting: 0, stoppedBy: 'network' });
    expect(await db.photos.get(id)).toBeDefined();
    // JSON, but not the photo route's answer (another service behind a proxy) is no better.
    expect((await uploadPhotos(db, vi.fn(async () => json({ ok: true })))).stoppedBy).toBe('network');
    expect(await db.photos.get(id)).toBeDefined();
    expect(await uploadPhotos(db, vi.fn(async () => json({ id, status: 'duplicate' })))).toEqual({ uploaded: 1, waiting: 0 });
    expect(await db.photos.get(id)).toBeUndefined();
    const second = uuidv7();
    await acknowledged(second, me.id);
    expect(await uploadPhotos(db, vi.fn(async () => json({ id: second, status: 'stored' })))).toEqual({ uploaded: 1, waiting: 0 });
    expect(await db.photos.count()).toBe(0);
  });

  it('sends only the signed-in person\'s photos of submitted forms, and counts only those', async () => {
    const mine = uuidv7();
    const theirs = uuidv7();
    const legacy = uuidv7(); // stored before photos knew who typed the form in: tried as before
    await acknowledged(mine, me.id);
    await acknowledged(theirs, 'demo-s1');
    await acknowledged(legacy);
    await db.photos.add({ id: `draft:${me.id}`, blob: jpeg(), state: 'waiting', createdAt: 1 });
    await db.photos.add({ id: 'draft:demo-s1', blob: jpeg(), state: 'waiting', createdAt: 1 });
    expect(await countOwnWaitingPhotos(db, me.id)).toBe(2);
    expect(await countOwnWaitingPhotos(db, 'demo-s1')).toBe(2);
    const sent: string[] = [];
    const server = vi.fn(async (url: string | URL | Request) => {
      const id = String(url).split('/').at(-2)!;
      sent.push(id);
      return json({ id, status: 'stored' });
    });
    expect(await uploadPhotos(db, server as typeof fetch)).toEqual({ uploaded: 2, waiting: 0 });
    expect(sent.sort()).toEqual([mine, legacy].sort());
    expect((await db.photos.toCollection().primaryKeys()).sort()).toEqual([theirs, 'draft:demo-s1', `draft:${me.id}`].sort());
    expect(await countOwnWaitingPhotos(db, me.id)).toBe(0);
  });

  it('sends nothing without a signed-in person', async () => {
    await acknowledged(uuidv7(), me.id);
    await db.meta.delete('me');
    const server = vi.fn();
    expect((await uploadPhotos(db, server)).stoppedBy).toBe('auth');
    expect(server).not.toHaveBeenCalled();
  });

  it('does not start the paper stream every 15 s for another person\'s photo or a draft', async () => {
    await acknowledged(uuidv7(), 'demo-s1');
    await db.photos.add({ id: `draft:${me.id}`, blob: jpeg(), state: 'waiting', createdAt: 1 });
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
        calls.push(`${init?.method ?? 'GET'} ${String(url)}`);
        return json({ ok: true, serverTime: Date.now(), version: 'test' });
      }),
    );
    const runtime = startSyncRuntime(db);
    try {
      await runtime.trigger('timer');
      expect(calls.some((c) => c.startsWith('PUT'))).toBe(false);
      // Only the kiosk stream ran: the paper stream, which would check the server's health, was not started.
      expect(await getMeta(db, 'paperSyncStatus')).toBeUndefined();
    } finally {
      runtime.stop();
    }
  });
});

describe('submitting a paper form', () => {
  it('stores the photo with who typed the form in, and the record says whether a photo is stored', async () => {
    const withPhoto = await submitPaperForm(db, record(me.id, false), jpeg(), me.id);
    expect(withPhoto.paper?.hasPhoto).toBe(true);
    expect((await db.ratings.get(withPhoto.id))?.record.paper?.hasPhoto).toBe(true);
    expect((await db.photos.get(withPhoto.id))?.enteredBy).toBe(me.id);
    const without = await submitPaperForm(db, { ...record(me.id, true), caseNumber: 'QH-2' }, null, me.id);
    expect((await db.ratings.get(without.id))?.record.paper?.hasPhoto).toBe(false);
    expect(await db.photos.get(without.id)).toBeUndefined();
  });

  it('gives a waiting photo to its author once the record is acknowledged', async () => {
    const r = await submitPaperForm(db, record(), jpeg(), me.id);
    await db.outbox.delete(r.id); // acknowledged
    expect(await countOwnWaitingPhotos(db, me.id)).toBe(1);
    expect(await countOwnWaitingPhotos(db, 'demo-s1')).toBe(0);
  });

  it('counts for the sign-out warning only this person\'s photos whose form has already gone up', async () => {
    const queuedForm = record();
    await submitPaperForm(db, queuedForm, jpeg(), me.id); // form and photo both waiting: counted once, with the form
    await acknowledged(uuidv7(), me.id);
    await acknowledged(uuidv7(), 'demo-s9');
    await db.photos.add({ id: `draft:${me.id}`, blob: jpeg(), state: 'waiting', createdAt: 1 });
    expect(await countOwnPhotosAfterTheirForm(db, me.id)).toBe(1);
  });
});
