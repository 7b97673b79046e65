import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../src/domain/endpoints';
import { SQLITE_FILE_NAME } from '../../sync-server/store/sqlite/open-sqlite';
import pg from 'pg';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { startInProcessServer, type InProcessServer } from '../support/server';

// 办件 (service cases) from a hall's business system, through real HTTP on a real SQLite file and on PostgreSQL:
// the per-unit token, idempotent batches, refusals per item, and a window person's 办件 of the day.

for (const store of ['sqlite', 'postgres'] as const) {
  describe(`办件 API (${store})`, () => {
    let srv: InProcessServer;
    let admin: string;
    let schema: string | null = null;
    const CST_DAY = '2026-11-20';
    const DAY_START = Date.parse(`${CST_DAY}T00:00:00+08:00`);
    const H = 3_600_000;

    /** A 办件 as the business system sends it: window 1, 李明 (D1001), accepted `hour` hours into 2026-11-20 China time. */
    const sent = (caseNo: string, patch: Record<string, unknown> = {}, hour = 9) => ({
      caseNo,
      serviceItemCode: 'DEMO-001',
      windowNumber: '1',
      employeeNo: 'D1001',
      applicantType: 'PERSON',
      acceptedAt: DAY_START + hour * H,
      status: 'ACCEPTED',
      ...patch,
    });

    const push = (token: string | null, items: unknown[]) =>
      api(srv.baseUrl, 'POST', API.pushServiceCases.path, { body: { items }, headers: token === null ? {} : { authorization: `Bearer ${token}` } });

    async function makeToken(unitId = 'demo-unit', name = '综窗业务系统') {
      const res = await api(srv.baseUrl, 'POST', API.createSystemToken.path, { cookie: admin, body: { unitId, name } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body as { token: string; systemToken: { id: string; unitId: string; createdAt: number } };
    }

    /**
     * What a copied database would give away: every byte of the SQLite files (the WAL included), or on PostgreSQL
     * every row of the schema's tables as text.
     */
    async function storedBytes(): Promise<Buffer> {
      if (!schema) return Buffer.concat(fs.readdirSync(srv.dataDir).filter((f) => f.startsWith(SQLITE_FILE_NAME)).map((f) => fs.readFileSync(path.join(srv.dataDir, f))));
      const client = new pg.Client({ connectionString: PG_TEST_URL });
      await client.connect();
      try {
        const tables = await client.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]);
        const parts: string[] = [];
        for (const { table_name } of tables.rows) parts.push(...(await client.query(`SELECT t::text AS row FROM ${schema}.${table_name} t`)).rows.map((r) => r.row as string));
        return Buffer.from(parts.join('\n'));
      } finally {
        await client.end();
      }
    }

    beforeAll(async () => {
      schema = store === 'postgres' ? newTestSchema('hcp_svc') : null;
      srv = await startInProcessServer(schema ? { env: { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: schema } } : {});
      admin = await signIn(srv.baseUrl, DEMO_ACCOUNTS.ADMIN);
      // A second unit with its own window, item and person: the token of one unit must never reach it.
      await srv.store.insertUnit({ id: 'unit-b', name: { 'zh-CN': '乙单位', en: 'Unit B', bo: 'Unit B' }, active: true });
      await srv.store.insertWindow({ id: 'b-w1', unitId: 'unit-b', number: '7', name: { 'zh-CN': '乙7', en: 'B7', bo: 'B7' }, sortOrder: 1, active: true });
      await srv.store.insertServiceItem({ id: 'b-item', code: 'B-001', unitId: 'unit-b', name: { 'zh-CN': '乙事项', en: 'B item', bo: 'B item' }, sortOrder: 1, active: true });
    });
    afterAll(async () => {
      await srv.close();
      await dropTestSchemas();
    });

    describe('business-system tokens', () => {
      it('are shown once when made, stored only as a hash, listed without the secret, and audited', async () => {
        const made = await makeToken();
        expect(made.token).toMatch(/^hcs_[A-Za-z0-9_-]{43}$/);
        expect(made.systemToken).toMatchObject({ unitId: 'demo-unit', name: '综窗业务系统', revokedAt: null, createdBy: 'demo-admin' });
        expect(made.systemToken).not.toHaveProperty('tokenHash');
        const list = await api(srv.baseUrl, 'GET', API.systemTokens.path, { cookie: admin });
        expect(list.status).toBe(200);
        expect(list.body.tokens.find((t: { id: string }) => t.id === made.systemToken.id)).toBeDefined();
        expect(JSON.stringify(list.body)).not.toContain(made.token);
        expect(JSON.stringify(list.body)).not.toContain('tokenHash');
        // It works, and nothing of it is in the database files but its hash.
        expect((await push(made.token, [sent('AT-REST-1')])).status).toBe(200);
        const listed = (await api(srv.baseUrl, 'GET', API.systemTokens.path, { cookie: admin })).body.tokens.find((t: { id: string }) => t.id === made.systemToken.id);
        expect(listed.lastUsedAt).toBeGreaterThanOrEqual(made.systemToken.createdAt);
        const stored = await storedBytes();
        expect(stored.includes(Buffer.from('AT-REST-1'))).toBe(true); // the search reads the data
        expect(stored.includes(Buffer.from(made.token))).toBe(false);
        expect(stored.includes(Buffer.from(made.token.slice(4)))).toBe(false);
        const audit = (await api(srv.baseUrl, 'GET', `${API.audit.path}?limit=50`, { cookie: admin })).body.entries as { action: string; detail: unknown }[];
        expect(audit.some((e) => e.action === 'system-token.create')).toBe(true);
        expect(JSON.stringify(audit)).not.toContain(made.token);
      });

      it('refuses a token for a unit that does not exist, and people without the right', async () => {
        expect((await api(srv.baseUrl, 'POST', API.createSystemToken.path, { cookie: admin, body: { unitId: 'no-unit', name: 'x' } })).body.error.code).toBe('UNKNOWN_UNIT');
        const staff = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF);
        expect((await api(srv.baseUrl, 'POST', API.createSystemToken.path, { cookie: staff, body: { unitId: 'demo-unit', name: 'x' } })).status).toBe(403);
      });

      it('answers 401 with its code without a token, for an unknown one and for a revoked one; a revocation is audited and once', async () => {
        expect(await push(null, [sent('NT-1')])).toMatchObject({ status: 401, body: { error: { code: 'SYSTEM_TOKEN_REQUIRED' } } });
        expect(await push('hcs_this-token-was-never-made-by-anyone-at-all', [sent('NT-1')])).toMatchObject({ status: 401, body: { error: { code: 'SYSTEM_TOKEN_UNKNOWN' } } });
        const made = await makeToken();
        expect((await push(made.token, [sent('RV-1')])).status).toBe(200);
        const revoke = () => api(srv.baseUrl, 'POST', `${API.systemTokens.path}/${made.systemToken.id}/revoke`, { cookie: admin });
        expect(await revoke()).toMatchObject({ status: 200, body: { id: made.systemToken.id, revoked: true } });
        expect(await revoke()).toMatchObject({ status: 409, body: { error: { code: 'ALREADY_REVOKED' } } });
        expect(await push(made.token, [sent('RV-2')])).toMatchObject({ status: 401, body: { error: { code: 'SYSTEM_TOKEN_REVOKED' } } });
        expect(await srv.store.findServiceCase('demo-unit', 'RV-2')).toBeNull();
        const audit = (await api(srv.baseUrl, 'GET', `${API.audit.path}?limit=50`, { cookie: admin })).body.entries as { action: string; targetId: string }[];
        expect(audit.filter((e) => e.action === 'system-token.revoke' && e.targetId === made.systemToken.id)).toHaveLength(1);
        // A session is no business-system token.
        expect((await api(srv.baseUrl, 'POST', API.pushServiceCases.path, { cookie: admin, body: { items: [sent('NT-2')] } })).status).toBe(401);
      });
    });

    describe('POST /api/v1/service-cases', () => {
      it('adds, then answers the same batch as unchanged, and updates status and times on a change (idempotent by unit + 办件编号)', async () => {
        const { token } = await makeToken();
        const batch = [sent('ID-1'), sent('ID-2', { windowNumber: undefined, windowId: 'demo-w2', employeeNo: 'D2001', applicantType: 'LEGAL_PERSON' })];
        const first = await push(token, batch);
        expect(first.status).toBe(200);
        expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(['added', 'added']);
        const again = await push(token, batch);
        expect(again.body.results).toEqual(first.body.results.map((r: object) => ({ ...r, status: 'unchanged' })));

        const finishedAt = DAY_START + 11 * H;
        const changed = await push(token, [sent('ID-1', { status: 'FINISHED', finishedAt }), batch[1]]);
        expect(changed.body.results.map((r: { status: string }) => r.status)).toEqual(['updated', 'unchanged']);
        expect(await srv.store.findServiceCase('demo-unit', 'ID-1')).toMatchObject({
          id: first.body.results[0].id,
          status: 'FINISHED',
          finishedAt,
          windowId: 'demo-w1',
          staffId: 'demo-s1',
          serviceItemId: 'demo-item-1',
          source: 'API',
        });
        expect(await srv.store.findServiceCase('demo-unit', 'ID-2')).toMatchObject({ windowId: 'demo-w2', staffId: 'demo-s3', applicantType: 'LEGAL_PERSON', finishedAt: null });
      });

      it('refuses bad items one by one with their codes, writes the others, and nothing for the refused', async () => {
        const { token } = await makeToken();
        const res = await push(token, [
          sent('BAD-OK'),
          sent('BAD-ITEM', { serviceItemCode: 'NO-SUCH' }),
          sent('BAD-WIN', { windowNumber: '99' }),
          sent('BAD-STAFF', { employeeNo: 'X9999' }),
          sent('BAD-TIMES', { status: 'FINISHED', finishedAt: DAY_START }),
          sent('BAD-FIN', { status: 'FINISHED' }),
          sent('BAD-TYPE', { applicantType: 'ROBOT' }),
          { caseNo: '   ' },
          'not an object',
          sent('BAD-BOTH', { windowId: 'demo-w1' }),
        ]);
        expect(res.status).toBe(200);
        expect(res.body.results.map((r: { status: string; error?: { code: string } }) => r.error?.code ?? r.status)).toEqual([
          'added',
          'UNKNOWN_SERVICE_ITEM',
          'UNKNOWN_WINDOW',
          'UNKNOWN_STAFF',
          'VALIDATION_FAILED',
          'VALIDATION_FAILED',
          'VALIDATION_FAILED',
          'VALIDATION_FAILED',
          'VALIDATION_FAILED',
          'VALIDATION_FAILED',
        ]);
        expect(res.body.results[1]).toMatchObject({ index: 1, caseNo: 'BAD-ITEM', status: 'invalid' });
        expect(res.body.results[8]).toMatchObject({ index: 8, caseNo: null, status: 'invalid' });
        expect(await srv.store.findServiceCase('demo-unit', 'BAD-OK')).not.toBeNull();
        for (const no of ['BAD-ITEM', 'BAD-WIN', 'BAD-STAFF', 'BAD-TIMES', 'BAD-FIN', 'BAD-TYPE', 'BAD-BOTH']) expect(await srv.store.findServiceCase('demo-unit', no), no).toBeNull();
      });

      it("keeps a token to its unit: another unit's window, item and person are refused per item, and its 办件 never touched", async () => {
        const a = await makeToken('demo-unit', 'A');
        const b = await makeToken('unit-b', 'B');
        // Unit B's system writes its own 办件 with the same 办件编号 as one of unit A.
        expect((await push(b.token, [sent('SHARED-NO', { serviceItemCode: 'B-001', windowNumber: '7', employeeNo: undefined })])).body.results[0].status).toBe('added');
        expect((await push(a.token, [sent('SHARED-NO')])).body.results[0].status).toBe('added');
        // Unit A's token naming B's things: each refused on its own (the lookup is within A; ids of B are WRONG_UNIT).
        const res = await push(a.token, [
          sent('CROSS-1', { serviceItemCode: 'B-001' }),
          sent('CROSS-2', { windowNumber: '7' }),
          sent('CROSS-3', { windowNumber: undefined, windowId: 'b-w1' }),
          sent('CROSS-4', { windowNumber: '1', employeeNo: undefined, staffId: 'demo-s1' }),
        ]);
        expect(res.body.results.map((r: { status: string; error?: { code: string } }) => r.error?.code ?? r.status)).toEqual(['UNKNOWN_SERVICE_ITEM', 'UNKNOWN_WINDOW', 'WRONG_UNIT', 'added']);
        // B's token cannot name A's person either; nor can a batch carry a unit of its own choosing.
        const fromB = await push(b.token, [sent('CROSS-5', { serviceItemCode: 'B-001', windowNumber: '7' }), { ...sent('CROSS-6'), unitId: 'demo-unit' }]);
        expect(fromB.body.results.map((r: { error?: { code: string } }) => r.error?.code)).toEqual(['WRONG_UNIT', 'VALIDATION_FAILED']);
        expect(await srv.store.findServiceCase('unit-b', 'SHARED-NO')).toMatchObject({ windowId: 'b-w1', serviceItemId: 'b-item', staffId: null });
        expect(await srv.store.findServiceCase('demo-unit', 'SHARED-NO')).toMatchObject({ windowId: 'demo-w1', serviceItemId: 'demo-item-1' });
        // Unit A writing SHARED-NO again (a change) changes its own only.
        await push(a.token, [sent('SHARED-NO', { status: 'IN_PROGRESS' })]);
        expect((await srv.store.findServiceCase('unit-b', 'SHARED-NO'))?.status).toBe('ACCEPTED');
      });

      it('refuses 1,001 items whole with 413 PAYLOAD_TOO_LARGE and writes none; takes 1,000', async () => {
        const { token } = await makeToken();
        const items = Array.from({ length: 1001 }, (_, i) => sent(`BULK-${i}`));
        expect(await push(token, items)).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
        expect(await srv.store.findServiceCase('demo-unit', 'BULK-0')).toBeNull();
        const taken = await push(token, items.slice(0, 1000));
        expect(taken.status).toBe(200);
        expect(taken.body.results.filter((r: { status: string }) => r.status === 'added')).toHaveLength(1000);
        expect(await push(token, [])).toMatchObject({ status: 400, body: { error: { code: 'BATCH_ITEMS_MISSING' } } });
        expect(await push(token, { items: 'x' } as never)).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
      });
    });

    describe('GET /api/v1/service-cases/mine', () => {
      it("shows a clerk their own 办件 of the day, a lead their window's, newest first; refuses a date not in the calendar", async () => {
        const { token } = await makeToken();
        // Two days after the other tests' 办件 (the bulk batch fills 2026-11-20): 2026-11-22 China time.
        const D = 48;
        await push(token, [
          sent('MINE-1', {}, D + 8),
          sent('MINE-2', {}, D + 15),
          sent('MINE-OTHER-DAY', {}, D + 30),
          sent('MINE-COLLEAGUE', { employeeNo: 'D1004' }, D + 10),
          sent('MINE-W2', { windowNumber: '2', employeeNo: 'D2001' }, D + 9),
        ]);
        const nos = async (cookie: string, day = '2026-11-22') => {
          const res = await api(srv.baseUrl, 'GET', `${API.myServiceCases.path}?day=${day}`, { cookie });
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          return (res.body.serviceCases as { caseNo: string }[]).map((c) => c.caseNo).filter((n) => n.startsWith('MINE'));
        };
        const clerk = await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF);
        expect(await nos(clerk)).toEqual(['MINE-2', 'MINE-1']);
        expect(await nos(clerk, '2026-11-23')).toEqual(['MINE-OTHER-DAY']);
        const lead = await signIn(srv.baseUrl, DEMO_ACCOUNTS.LEAD);
        expect(await nos(lead)).toEqual(['MINE-2', 'MINE-COLLEAGUE', 'MINE-1']);
        expect(await nos(await signIn(srv.baseUrl, DEMO_ACCOUNTS.STAFF_W2))).toEqual(['MINE-W2']);
        expect(await nos(admin)).toEqual([]);
        expect((await api(srv.baseUrl, 'GET', `${API.myServiceCases.path}?day=2026-02-31`, { cookie: clerk })).body.error.code).toBe('VALIDATION_FAILED');
        // Without a day: today in China.
        const today = await api(srv.baseUrl, 'GET', API.myServiceCases.path, { cookie: clerk });
        expect(today.body.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect((await api(srv.baseUrl, 'GET', API.myServiceCases.path)).status).toBe(401);
      });
    });
  });
}
