import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../src/domain/endpoints';
import { uuidv7 } from '../../src/domain/ids';
import type { TabletServiceCase } from '../../src/domain/tablet-service-case';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { startInProcessServer, type InProcessServer } from '../support/server';

// 办件 typed in on window staff's tablets (outbox stream 'serviceCase'), through real HTTP on SQLite and PostgreSQL:
// stored with source TABLET under the person's unit, window and id; idempotent by unit + 办件编号; every refused
// item answered with its code and nothing of it written.

for (const store of ['sqlite', 'postgres'] as const) {
  describe(`tablet 办件 push (${store})`, () => {
    let srv: InProcessServer;
    let staff: string; // 李明 D1001, demo-s1, window 1
    let staffW2: string; // 才让 D2001, demo-s3, window 2
    const H = 3_600_000;

    /** A 办件 as 李明's tablet queues it. */
    const entry = (caseNo: string, over: Partial<TabletServiceCase> = {}): TabletServiceCase => ({
      id: uuidv7(),
      caseNo,
      serviceItemId: 'demo-item-1',
      unitId: 'demo-unit',
      windowId: 'demo-w1',
      enteredBy: 'demo-s1',
      applicantType: 'PERSON',
      status: 'ACCEPTED',
      acceptedAt: Date.now() - H,
      finishedAt: null,
      enteredAt: Date.now(),
      ...over,
    });
    const push = (cookie: string | undefined, items: unknown[]) =>
      api(srv.baseUrl, 'POST', API.pushTabletServiceCases.path, { cookie, body: { deviceId: 'staff-tablet-1', sentAt: Date.now(), items } });
    const unitCases = () => srv.store.listServiceCases({ unitId: 'demo-unit', limit: 10_000 });
    const statuses = (body: { results: { status: string; error?: { code: string } }[] }) => body.results.map((r) => r.error?.code ?? r.status);

    beforeAll(async () => {
      const schema = store === 'postgres' ? newTestSchema('hcp_tsc') : null;
      srv = await startInProcessServer(schema ? { env: { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: schema } } : {});
      [staff, staffW2] = await Promise.all([signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF), signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF_W2)]);
      await srv.store.insertUnit({ id: 'unit-b', name: { 'zh-CN': '乙单位', en: 'Unit B', bo: 'Unit B' }, active: true });
      await srv.store.insertWindow({ id: 'b-w1', unitId: 'unit-b', number: '7', name: { 'zh-CN': '乙7', en: 'B7', bo: 'B7' }, sortOrder: 1, active: true });
      await srv.store.insertServiceItem({ id: 'b-item', code: 'B-001', unitId: 'unit-b', name: { 'zh-CN': '乙事项', en: 'B item', bo: 'B item' }, sortOrder: 1, active: true });
    });
    afterAll(async () => {
      await srv.close();
      await dropTestSchemas();
    });

    it('stores each 办件 with source TABLET, the person as staff, their window and unit; shows it in their 办件 of today', async () => {
      const a = entry('TB-ADD-1', { applicantType: 'LEGAL_PERSON' });
      const b = entry('TB-ADD-2', { status: 'FINISHED', finishedAt: Date.now() - 60_000 });
      const res = await push(staff, [a, b]);
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([
        { index: 0, id: a.id, status: 'accepted' },
        { index: 1, id: b.id, status: 'accepted' },
      ]);
      const stored = await srv.store.findServiceCase('demo-unit', 'TB-ADD-1');
      expect(stored).toMatchObject({ source: 'TABLET', staffId: 'demo-s1', windowId: 'demo-w1', unitId: 'demo-unit', serviceItemId: 'demo-item-1', applicantType: 'LEGAL_PERSON', status: 'ACCEPTED', finishedAt: null, acceptedAt: a.acceptedAt });
      expect(await srv.store.findServiceCase('demo-unit', 'TB-ADD-2')).toMatchObject({ status: 'FINISHED', finishedAt: b.finishedAt });
      const mine = await api(srv.baseUrl, 'GET', API.myServiceCases.path, { cookie: staff });
      expect(mine.body.serviceCases.map((c: { caseNo: string }) => c.caseNo)).toEqual(expect.arrayContaining(['TB-ADD-1', 'TB-ADD-2']));
      // The window's lead sees them among the window's; a person of another window does not.
      const lead = await signIn(srv.baseUrl, DEMO_ACCOUNTS.LEAD);
      const window = await api(srv.baseUrl, 'GET', API.myServiceCases.path, { cookie: lead });
      expect(window.body.serviceCases.map((c: { caseNo: string }) => c.caseNo)).toEqual(expect.arrayContaining(['TB-ADD-1', 'TB-ADD-2']));
      const other = await api(srv.baseUrl, 'GET', API.myServiceCases.path, { cookie: staffW2 });
      expect(other.body.serviceCases.map((c: { caseNo: string }) => c.caseNo)).not.toContain('TB-ADD-1');
    });

    it('is idempotent: a resend is a duplicate, a corrected entry updates the same 办件, never a second row', async () => {
      const first = entry('TB-IDEM-1');
      expect(statuses((await push(staff, [first])).body)).toEqual(['accepted']);
      const before = (await unitCases()).length;
      const stored = await srv.store.findServiceCase('demo-unit', 'TB-IDEM-1');
      // The same entry again (its answer was lost), and the same 办件编号 typed again with the same facts.
      expect(statuses((await push(staff, [first, { ...first, id: uuidv7() }])).body)).toEqual(['duplicate', 'duplicate']);
      // Finished later: the tablet sends a corrected entry under a new id.
      const finishedAt = Date.now() - 5 * 60_000;
      expect(statuses((await push(staff, [{ ...first, id: uuidv7(), status: 'FINISHED', finishedAt }])).body)).toEqual(['accepted']);
      expect((await unitCases()).length).toBe(before);
      expect(await srv.store.findServiceCase('demo-unit', 'TB-IDEM-1')).toMatchObject({ id: stored!.id, status: 'FINISHED', finishedAt, source: 'TABLET' });
    });

    it('refuses, item by item with its code, what is not the person’s to write; only the valid item of the batch is stored', async () => {
      const before = await unitCases();
      const good = entry('TB-MIX-OK');
      const items = [
        entry('TB-BAD-BY', { enteredBy: 'demo-s2' }),
        entry('TB-BAD-WIN', { windowId: 'demo-w2' }),
        entry('TB-BAD-UNIT', { unitId: 'unit-b', windowId: 'b-w1' }),
        entry('TB-BAD-ITEM', { serviceItemId: 'b-item' }),
        entry('TB-BAD-NOITEM', { serviceItemId: 'no-such-item' }),
        entry('TB-BAD-FUTURE', { acceptedAt: Date.now() + 2 * H }),
        entry('TB-BAD-FIN-FUTURE', { status: 'FINISHED', finishedAt: Date.now() + 2 * H }),
        entry('TB-BAD-ORDER', { status: 'FINISHED', acceptedAt: Date.now() - H, finishedAt: Date.now() - 2 * H }),
        entry('TB-BAD-NOFIN', { status: 'FINISHED', finishedAt: null }),
        { ...entry('TB-BAD-EXTRA'), staffId: 'demo-s2' },
        { ...entry('TB-BAD-SHAPE'), applicantType: 'COMPANY' },
        good,
      ];
      const res = await push(staff, items);
      expect(res.status).toBe(200);
      expect(statuses(res.body)).toEqual([
        'ENTERED_BY_MISMATCH',
        'NOT_YOUR_WINDOW',
        'WRONG_UNIT',
        'UNKNOWN_SERVICE_ITEM',
        'UNKNOWN_SERVICE_ITEM',
        'SERVICE_CASE_TIME_IN_FUTURE',
        'SERVICE_CASE_TIME_IN_FUTURE',
        'VALIDATION_FAILED',
        'VALIDATION_FAILED',
        'VALIDATION_FAILED',
        'VALIDATION_FAILED',
        'accepted',
      ]);
      const after = await unitCases();
      expect(after.length).toBe(before.length + 1);
      expect(after.map((c) => c.caseNo).filter((n) => n.startsWith('TB-BAD'))).toEqual([]);
      expect(await srv.store.listServiceCases({ unitId: 'unit-b', limit: 100 })).toEqual([]);
    });

    it('never lets a person take over a 办件 of another window or person, whatever the tablet claims', async () => {
      expect(statuses((await push(staff, [entry('TB-OWNED-1')])).body)).toEqual(['accepted']);
      const held = await srv.store.findServiceCase('demo-unit', 'TB-OWNED-1');
      // 才让 at window 2 types the same 办件编号, as his own (window 2, himself).
      const res = await push(staffW2, [entry('TB-OWNED-1', { windowId: 'demo-w2', enteredBy: 'demo-s3', status: 'FINISHED', finishedAt: Date.now() - 1000 })]);
      expect(statuses(res.body)).toEqual(['SERVICE_CASE_OF_ANOTHER']);
      // …or claims 李明's window and id: refused before any lookup.
      expect(statuses((await push(staffW2, [entry('TB-OWNED-1')])).body)).toEqual(['ENTERED_BY_MISMATCH']);
      expect(await srv.store.findServiceCase('demo-unit', 'TB-OWNED-1')).toEqual(held);
    });

    it('takes the session only: no session is 401, a person without the right to type in at a window is 403', async () => {
      expect((await push(undefined, [entry('TB-NOAUTH')])).status).toBe(401);
      const office = await signIn(srv.baseUrl, DEMO_ACCOUNTS.OFFICE);
      expect(await push(office, [entry('TB-OFFICE')])).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
      expect(await srv.store.findServiceCase('demo-unit', 'TB-NOAUTH')).toBeNull();
      expect(await srv.store.findServiceCase('demo-unit', 'TB-OFFICE')).toBeNull();
    });
  });
}
