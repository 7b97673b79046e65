import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { badRating, DEMO_DEVICE, demoRating } from '../support/ratings';
import { postJson, startInProcessServer, type InProcessServer } from '../support/server';

const PHONE_S1 = '13812345678';
const PHONE_S2 = '13987654321';
const ID_NO = '630102199003151234';
// Anything a list must never show in full: mainland mobiles and resident ID numbers.
const UNMASKED = /(?<!\d)(1[3-9]\d{9}|\d{17}[\dXx])(?!\d)/;

let srv: InProcessServer;
// The comment carries a number too: citizens type them. Lists mask it; at rest it is encrypted like the contact.
const COMMENT_PHONE = '15011112222';
const s1Bad = badRating({ staffId: 'demo-s1', contact: { name: '张三', phone: PHONE_S1 }, comment: `请回电 ${COMMENT_PHONE}，身份证 ${ID_NO}` });
const s2Bad = badRating({ staffId: 'demo-s2', contact: { name: '李四', phone: PHONE_S2 } });
const s1Good = demoRating({ staffId: 'demo-s1' });
const w2Bad = badRating({ windowId: 'demo-w2', staffId: 'demo-s3', contact: { phone: '0971-6123456' } });
const anonymousBad = badRating({ staffId: 'demo-s1', contact: undefined });

beforeAll(async () => {
  srv = await startInProcessServer();
  const res = await postJson(srv.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [s1Bad, s2Bad, s1Good, w2Bad, anonymousBad] });
  expect(res.body.results.every((r: { status: string }) => r.status === 'accepted')).toBe(true);
});
afterAll(async () => {
  await srv.close();
});

const sessions = new Map<string, string>();
const cookieOf = async (who: string) => {
  if (!sessions.has(who)) sessions.set(who, await signIn(srv.baseUrl, who));
  return sessions.get(who)!;
};
const list = async (who: string) => (await api(srv.baseUrl, 'GET', '/api/v1/ratings', { cookie: await cookieOf(who) })).body;
const reveal = async (who: string, id: string) => api(srv.baseUrl, 'POST', `/api/v1/ratings/${id}/contact`, { cookie: await cookieOf(who) });

describe('who sees which ratings', () => {
  it('shows window staff only their own ratings', async () => {
    const ids = (await list(DEMO_ACCOUNTS.STAFF)).items.map((r: { id: string }) => r.id).sort();
    expect(ids).toEqual([s1Bad.id, s1Good.id, anonymousBad.id].sort());
  });
  it("shows a lead their window's ratings, and no other window's", async () => {
    const ids = (await list(DEMO_ACCOUNTS.LEAD)).items.map((r: { id: string }) => r.id).sort();
    expect(ids).toEqual([s1Bad.id, s2Bad.id, s1Good.id, anonymousBad.id].sort());
  });
  it('shows office, supervision and personnel every unit', async () => {
    for (const who of [DEMO_ACCOUNTS.OFFICE, DEMO_ACCOUNTS.SUPERVISION, DEMO_ACCOUNTS.PERSONNEL]) expect((await list(who)).items).toHaveLength(5);
  });
});

describe('masking', () => {
  it('finds no unmasked phone or ID number in any list response, whoever asks', async () => {
    const admin = await cookieOf(DEMO_ACCOUNTS.ADMIN);
    const supervision = await cookieOf(DEMO_ACCOUNTS.SUPERVISION);
    await reveal(DEMO_ACCOUNTS.SUPERVISION, s1Bad.id); // so the audit log has a reveal in it
    const responses = [
      ...(await Promise.all(Object.values(DEMO_ACCOUNTS).map((who) => list(who)))),
      (await api(srv.baseUrl, 'GET', '/api/v1/audit', { cookie: supervision })).body,
      (await api(srv.baseUrl, 'GET', '/api/v1/admin/catalog', { cookie: admin })).body,
      (await api(srv.baseUrl, 'GET', '/api/v1/kiosk/config')).body,
    ];
    for (const body of responses) expect(JSON.stringify(body)).not.toMatch(UNMASKED);
    const item = (await list(DEMO_ACCOUNTS.STAFF)).items.find((r: { id: string }) => r.id === s1Bad.id);
    expect(item.contact).toEqual({ name: '张*', phone: '138****5678' });
    expect(item.comment).toBe('请回电 150****2222，身份证 630***********1234');
  });
});

describe('revealing contact details', () => {
  it('lets the rated staff member, their lead and supervision reveal, and logs each reveal', async () => {
    for (const who of [DEMO_ACCOUNTS.STAFF, DEMO_ACCOUNTS.LEAD, DEMO_ACCOUNTS.SUPERVISION]) {
      const res = await reveal(who, s1Bad.id);
      expect(res.status, who).toBe(200);
      expect(res.body.contact).toEqual({ name: '张三', phone: PHONE_S1 });
      // The comment as written comes with the contact, since the list shows it with its numbers masked.
      expect(res.body.comment).toBe(s1Bad.comment);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    const audit = await api(srv.baseUrl, 'GET', '/api/v1/audit', { cookie: await cookieOf(DEMO_ACCOUNTS.ADMIN) });
    const reveals = audit.body.entries.filter((e: { action: string; targetId: string }) => e.action === 'contact.reveal' && e.targetId === s1Bad.id);
    expect(reveals.map((e: { actorId: string }) => e.actorId)).toEqual(expect.arrayContaining(['demo-s1', 'demo-s2', 'demo-supervision']));
    expect(reveals[0]).toMatchObject({ targetType: 'rating', actorName: expect.any(String), ip: expect.any(String), detail: { comment: true } });
    // Nothing hidden in a comment: nothing more to reveal, and the audit entry does not claim it.
    const s2 = await reveal(DEMO_ACCOUNTS.LEAD, s2Bad.id);
    expect(s2.body).not.toHaveProperty('comment');
  });

  it("refuses another staff member, another window's lead, the office and personnel", async () => {
    expect((await reveal(DEMO_ACCOUNTS.STAFF, s2Bad.id)).status).toBe(404); // same window, rated colleague's review
    expect((await reveal(DEMO_ACCOUNTS.STAFF_W2, s1Bad.id)).status).toBe(404);
    expect((await reveal(DEMO_ACCOUNTS.LEAD, w2Bad.id)).status).toBe(404);
    expect((await reveal(DEMO_ACCOUNTS.OFFICE, s1Bad.id)).status).toBe(403);
    expect((await reveal(DEMO_ACCOUNTS.PERSONNEL, s1Bad.id)).status).toBe(403);
    const items = (await list(DEMO_ACCOUNTS.OFFICE)).items;
    expect(items.every((r: { canReveal: boolean }) => r.canReveal === false)).toBe(true);
  });

  it('answers an anonymous rating with NO_CONTACT and a malformed id with 400', async () => {
    expect((await reveal(DEMO_ACCOUNTS.STAFF, anonymousBad.id)).body.error.code).toBe('NO_CONTACT');
    expect((await reveal(DEMO_ACCOUNTS.STAFF, 'not-an-id')).status).toBe(400);
  });
});

describe('encryption at rest', () => {
  it('never writes a phone number in the clear to the database files', () => {
    const files = fs.readdirSync(srv.dataDir).filter((f) => f.startsWith('haochaping.sqlite'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const bytes = fs.readFileSync(path.join(srv.dataDir, f));
      for (const secret of [PHONE_S1, PHONE_S2, '6123456', '张三', '李四', COMMENT_PHONE, ID_NO]) expect(bytes.includes(Buffer.from(secret)), `${f} holds ${secret}`).toBe(false);
    }
  });
});
