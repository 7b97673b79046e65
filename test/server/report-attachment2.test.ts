import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../src/domain/endpoints';
import type { Attachment2Response } from '../../src/domain/figures/attachment2-api';
import { FIGURE_COLUMNS } from '../../src/domain/figures/attachment2-columns';
import type { RatingRecord } from '../../src/domain/rating';
import { XLSX_LAYOUT } from '../../sync-server/figures/attachment2-xlsx';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { DEMO_DEVICE, demoRating } from '../support/ratings';
import { startInProcessServer, type InProcessServer } from '../support/server';

// GET /api/v1/reports/attachment2 (issue 15) through real HTTP on SQLite and PostgreSQL: the table as JSON with the
// names it mentions, the CSV and the XLSX downloads (read back with exceljs), a lead's window only, the roles
// without reports.read refused, bad parameters a coded 400.

const OCT = Date.parse('2026-10-12T09:00:00+08:00');
const MIN = 60_000;
const path = (query: string) => `${API.reportAttachment2.path}?${query}`;

afterAll(dropTestSchemas);

for (const storeKind of ['sqlite', 'postgres'] as const) {
  describe(`Attachment 2 route (${storeKind})`, () => {
    let srv: InProcessServer;
    const cookies: Record<string, string> = {};
    const get = (who: keyof typeof DEMO_ACCOUNTS, query: string) => api(srv.baseUrl, 'GET', path(query), { cookie: cookies[who] });

    beforeAll(async () => {
      const schema = storeKind === 'postgres' ? newTestSchema('hcp_a2') : null;
      srv = await startInProcessServer(schema ? { env: { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: schema } } : {});
      for (const who of ['STAFF', 'LEAD', 'OFFICE', 'SUPERVISION', 'PERSONNEL', 'ADMIN'] as const) cookies[who] = await signIn(srv.baseUrl, DEMO_ACCOUNTS[who]);
      const items: RatingRecord[] = [
        demoRating({ level: 'VERY_SATISFIED', staffId: 'demo-s1' }, OCT),
        demoRating({ level: 'SATISFIED', staffId: 'demo-s2', channel: 'QR' }, OCT + MIN),
        demoRating({ level: 'VERY_DISSATISFIED', windowId: 'demo-w2', staffId: 'demo-s3', reasons: ['ATTITUDE'], contact: { phone: '13800138000' } }, OCT + 2 * MIN),
        demoRating({ level: 'BASICALLY_SATISFIED', windowId: 'demo-w2', staffId: 'demo-s3' }, OCT + 3 * MIN),
        demoRating({ level: 'SATISFIED', staffId: 'demo-s1' }, Date.parse('2026-09-30T23:59:00+08:00')), // September
      ];
      const res = await api(srv.baseUrl, 'POST', API.pushRatings.path, { body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.results.map((r: { status: string }) => r.status), JSON.stringify(res.body)).toEqual(items.map(() => 'accepted'));
    });
    afterAll(async () => {
      await srv.close();
    });

    it('answers the month as JSON for the office, supervision and personnel, with the names its rows mention', async () => {
      for (const who of ['OFFICE', 'SUPERVISION', 'PERSONNEL'] as const) {
        const res = await get(who, 'month=2026-10');
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.headers.get('cache-control')).toBe('no-store');
        const body = res.body as Attachment2Response;
        expect(body.month).toBe('2026-10');
        expect(body.scope).toEqual({ kind: 'all', unitId: null });
        expect(body.rows.map((r) => [r.scope, r.windowId ?? r.staffId])).toEqual([
          ['all', null], ['unit', null], ['window', 'demo-w1'], ['window', 'demo-w2'], ['staff', 'demo-s1'], ['staff', 'demo-s2'], ['staff', 'demo-s3'],
        ]);
        expect(body.rows[0]).toMatchObject({ total: 4, satisfied: 3, bad: 1, realNameBad: 1, byChannel: { QR: 1, HALL_TABLET: 3 } });
        expect(body.rows[0]!.rates.satisfaction).toEqual({ numerator: 3, denominator: 4, percent: 75 });
        expect(body.rows[2]!.rates.callBackRate).toEqual({ numerator: 0, denominator: 0, percent: null });
        expect(body.names.units.map((u) => u.id)).toEqual(['demo-unit']);
        expect(body.names.windows.map((w) => w.id).sort()).toEqual(['demo-w1', 'demo-w2']);
        expect(body.names.staff.find((s) => s.id === 'demo-s3')?.name).toBe('才让（演示）');
        expect(JSON.stringify(body)).not.toContain('13800138000');
      }
      const oneUnit = await get('OFFICE', 'month=2026-10&unitId=demo-unit&format=json');
      expect(oneUnit.body.scope).toEqual({ kind: 'all', unitId: 'demo-unit' });
      expect(oneUnit.body.rows[0].total).toBe(4);
      const september = await get('OFFICE', 'month=2026-09');
      expect(september.body.rows[0].total).toBe(1);
    });

    it('downloads the CSV (BOM, Chinese headers) and the XLSX (merged headers, numbers as numbers) as attachments', async () => {
      const csv = await get('OFFICE', 'month=2026-10&unitId=demo-unit&format=csv');
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(csv.headers.get('cache-control')).toBe('no-store');
      const cd = csv.headers.get('content-disposition')!;
      expect(cd).toMatch(/^attachment; filename="attachment2-2026-10-demo-unit\.csv"; filename\*=UTF-8''/);
      expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toMatch(/^评价数据统计表-2026-10-【演示】省发展改革委.*\.csv$/);
      // fetch's text() drops a BOM: the bytes are read as they came.
      const bytes = Buffer.from(await (await fetch(srv.baseUrl + path('month=2026-10&unitId=demo-unit&format=csv'), { headers: { cookie: cookies.OFFICE! } })).arrayBuffer());
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(csv.body.startsWith('统计范围,单位编号,单位名称,')).toBe(true);
      expect(csv.body.split('\r\n')[1]).toMatch(/^合计,,,,,,,4,/);

      const res = await fetch(srv.baseUrl + path('month=2026-10&format=xlsx'), { headers: { cookie: cookies.OFFICE! } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="attachment2-2026-10\.xlsx"; filename\*=UTF-8''/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.getCell(XLSX_LAYOUT.titleRow, 1).value).toBe('评价数据统计表');
      expect(sheet.getCell(XLSX_LAYOUT.scopeRow, 1).value).toBe('单位：全部单位');
      expect(sheet.getCell(XLSX_LAYOUT.groupRow, 5 + 1).value).toBe('评价等级');
      expect(sheet.getCell(XLSX_LAYOUT.groupRow, 5 + 5).master.address).toBe(sheet.getCell(XLSX_LAYOUT.groupRow, 6).address);
      const total = 4 + FIGURE_COLUMNS.findIndex((c) => c.key === 'total') + 1;
      const satisfaction = 4 + FIGURE_COLUMNS.findIndex((c) => c.key === 'satisfaction') + 1;
      expect(sheet.getCell(XLSX_LAYOUT.firstDataRow, total).value).toBe(4);
      expect(sheet.getCell(XLSX_LAYOUT.firstDataRow, satisfaction).value).toBe(75);
      expect(sheet.getCell(XLSX_LAYOUT.firstDataRow + 3, 3).value).toBe('2 2号窗口 · 价格收费（演示）');
      expect(sheet.pageSetup.orientation).toBe('landscape');
    });

    it("gives a lead only their window's row and its staff rows, whatever unit is asked for", async () => {
      const res = await get('LEAD', 'month=2026-10&unitId=demo-unit');
      expect(res.status).toBe(200);
      const body = res.body as Attachment2Response;
      expect(body.scope).toEqual({ kind: 'window', unitId: 'demo-unit', windowId: 'demo-w1' });
      expect(body.rows.map((r) => [r.scope, r.windowId ?? r.staffId, r.total])).toEqual([['window', 'demo-w1', 2], ['staff', 'demo-s1', 1], ['staff', 'demo-s2', 1]]);
      expect(body.names.windows.map((w) => w.id)).toEqual(['demo-w1']);
      expect(body.names.staff.map((s) => s.id).sort()).toEqual(['demo-s1', 'demo-s2']);

      const csv = await get('LEAD', 'month=2026-10&format=csv');
      expect(csv.body).not.toContain('demo-w2');
      expect(csv.body).not.toContain('合计');
      expect(csv.body.trimEnd().split('\r\n')).toHaveLength(4);
      const xlsx = await fetch(srv.baseUrl + path('month=2026-10&format=xlsx'), { headers: { cookie: cookies.LEAD! } });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
      const sheet = book.worksheets[0]!;
      expect(String(sheet.getCell(XLSX_LAYOUT.scopeRow, 1).value)).toContain('1号窗口');
      expect(sheet.getCell(XLSX_LAYOUT.firstDataRow, 1).value).toBe('窗口');
      const cells = JSON.stringify(sheet.getSheetValues());
      expect(cells).not.toContain('2号窗口');
      expect(cells).not.toContain('才让');
    });

    it('refuses the roles without reports.read (403), anonymous (401) and bad parameters (coded 400)', async () => {
      expect((await get('STAFF', 'month=2026-10')).status).toBe(403);
      expect((await get('ADMIN', 'month=2026-10&format=xlsx')).status).toBe(403);
      expect((await api(srv.baseUrl, 'GET', path('month=2026-10'))).status).toBe(401);
      for (const query of ['', 'month=2026-13', 'month=202610', 'month=2026-10&format=pdf', 'month=2026-10&unitId=no%20such']) {
        const res = await get('OFFICE', query);
        expect(res.status, query).toBe(400);
        expect(res.body.error.code, query).toBe('VALIDATION_FAILED');
      }
      const unknown = await get('OFFICE', 'month=2026-10&unitId=other-unit');
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.code).toBe('UNKNOWN_UNIT');
    });
  });
}
