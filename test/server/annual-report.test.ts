import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../src/domain/endpoints';
import type { AnnualReport } from '../../src/domain/figures/annual-api';
import { yearOfCst } from '../../src/domain/figures/annual-report';
import { REPORT_PATHS } from '../../src/domain/figures/reports-api';
import { CST_OFFSET_MS } from '../../src/domain/time';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { action, pushActions } from '../support/cases';
import { newTestSchema, PG_TEST_URL } from '../support/postgres';
import { badRating, DEMO_DEVICE, demoRating } from '../support/ratings';
import { startInProcessServer, type InProcessServer } from '../support/server';

const YEAR = yearOfCst(Date.now());
const PHONE = '13812345678';

for (const store of ['sqlite', 'postgres'] as const) {
  describe(`annual rectification report (${store})`, () => {
    let srv: InProcessServer;
    const cookies = new Map<string, string>();
    const as = async (no: string) => {
      if (!cookies.has(no)) cookies.set(no, await signIn(srv.baseUrl, no));
      return cookies.get(no)!;
    };
    // 李明 at window 1: handled 立行立改; an anonymous one at window 1: 不予采纳, approved; 才让 at window 2: untouched,
    // then marked INVALID; a bad review of last year; a good one.
    const handled = badRating({ staffId: 'demo-s1', comment: `态度差，回电 ${PHONE}` });
    const anonymous = badRating({ staffId: 'demo-s1', contact: undefined, comment: undefined });
    const open = badRating({ staffId: 'demo-s3', windowId: 'demo-w2', level: 'VERY_DISSATISFIED' });
    // Made last year, sent now by a device whose clock is right: its rating time stays last year.
    const lastYear = Date.UTC(YEAR - 1, 5, 1) - CST_OFFSET_MS;
    const old = badRating({ staffId: 'demo-s1' }, lastYear);
    const good = demoRating();
    const get = async (who: string, query: string) => api(srv.baseUrl, 'GET', `${REPORT_PATHS.annual}?${query}`, { cookie: await as(who) });
    const step = async (who: string, acts: unknown[]) => {
      const res = await pushActions(srv.baseUrl, await as(who), acts);
      expect(res.body.results.map((r: { status: string; error?: { code: string } }) => r.error?.code ?? r.status)).toEqual(acts.map(() => 'accepted'));
    };

    beforeAll(async () => {
      const env = store === 'postgres' ? { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: newTestSchema('hcp_annual') } : undefined;
      srv = await startInProcessServer({ env });
      const pushed = await api(srv.baseUrl, 'POST', API.pushRatings.path, { body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [handled, anonymous, open, good, old] } });
      expect(pushed.status).toBe(200);
      await step(DEMO_ACCOUNTS.STAFF, [
        action(handled.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED', note: `已致电 ${PHONE}` }, 0),
        action(handled.id, 'demo-s1', { type: 'DECIDE', path: 'FIX_NOW', note: '当场更正态度' }, 1),
        action(handled.id, 'demo-s1', { type: 'RECTIFY', what: '窗口人员服务规范培训' }, 2),
        action(handled.id, 'demo-s1', { type: 'REPLY', channel: 'PHONE', text: '已整改并致歉' }, 3),
        action(handled.id, 'demo-s1', { type: 'CLOSE' }, 4),
        action(anonymous.id, 'demo-s1', { type: 'DECIDE', path: 'NOT_ADOPTED', reason: 'MISTAKEN', evidence: '评价人误触', approverId: 'demo-supervision' }, 0),
      ]);
      await step(DEMO_ACCOUNTS.SUPERVISION, [action(anonymous.id, 'demo-supervision', { type: 'APPROVE' }, 1)]);
      const marked = await api(srv.baseUrl, 'PUT', API.reviewRating.path.replace(':id', open.id), {
        cookie: await as(DEMO_ACCOUNTS.SUPERVISION), body: { verdict: 'INVALID', note: '工作人员代评' },
      });
      expect(marked.status).toBe(200);
    });
    afterAll(async () => {
      await srv.close();
    });

    it('lists the year’s bad reviews by unit and window with their four records, figures and deadlines', async () => {
      const res = await get(DEMO_ACCOUNTS.SUPERVISION, `year=${YEAR}`);
      expect(res.status).toBe(200);
      const report = res.body as AnnualReport;
      expect(report.units.map((u) => u.unitId)).toEqual(['demo-unit']);
      const [unit] = report.units;
      expect(unit!.windows.map((w) => [w.windowId, w.entries.map((e) => e.rating.id)])).toEqual([
        ['demo-w1', [handled.id, anonymous.id]],
        ['demo-w2', [open.id]],
      ]);
      const [h, a] = unit!.windows[0]!.entries;
      expect(h).toMatchObject({ realName: true, counted: true, invalid: false, stage: 'CLOSED', callBackState: 'ON_TIME', fixState: 'ON_TIME', overdue: false });
      expect(h!.decision).toMatchObject({ path: 'FIX_NOW', text: '当场更正态度', by: 'demo-s1' });
      expect(h!.rectification?.what).toBe('窗口人员服务规范培训');
      expect(h!.reply).toMatchObject({ channel: 'PHONE', text: '已整改并致歉' });
      expect(h!.rating).toMatchObject({ reasons: ['ATTITUDE'], level: 'DISSATISFIED', staffId: 'demo-s1' });
      expect(h!.rating.comment).toContain('138****5678');
      expect(a).toMatchObject({ realName: false, counted: true, stage: 'DECIDED', callBackState: 'NONE', rectification: null, reply: null });
      expect(a!.decision).toMatchObject({ path: 'NOT_ADOPTED', reason: 'MISTAKEN', approverId: 'demo-supervision', approved: { by: 'demo-supervision' } });
      const o = unit!.windows[1]!.entries[0]!;
      expect(o).toMatchObject({ invalid: true, counted: false, stage: 'RECEIVED', decision: null });
      expect(unit!.subtotal).toMatchObject({ total: 3, counted: 2, invalid: 1, realName: 2, undecided: 1, rectified: 1, replied: 1, closed: 1 });
      expect(unit!.subtotal.byPath).toEqual({ FIX_NOW: 1, FIX_WITHIN_5: 0, SPECIAL: 0, NOT_ADOPTED: 1 });
      expect(report.total.total).toBe(3);
      expect(report.refs.staff.map((s) => s.id).sort()).toEqual(['demo-s1', 'demo-s3', 'demo-supervision']);
      // The evaluator never appears: no name, no phone, anywhere in the answer.
      const text = JSON.stringify(report);
      expect(text).not.toContain('张三');
      expect(text).not.toContain(PHONE);
      expect(text).not.toContain('contact');
    });

    it('leaves other years out', async () => {
      const res = await get(DEMO_ACCOUNTS.OFFICE, `year=${YEAR - 1}`);
      expect(res.status).toBe(200);
      expect(res.body.units.flatMap((u: AnnualReport['units'][number]) => u.windows.flatMap((w) => w.entries.map((e) => e.rating.id)))).toEqual([old.id]);
    });

    it('gives a lead their own window only, and refuses what is out of scope', async () => {
      const lead = await get(DEMO_ACCOUNTS.LEAD, `year=${YEAR}`);
      expect(lead.status).toBe(200);
      expect(lead.body.units[0].windows.map((w: { windowId: string }) => w.windowId)).toEqual(['demo-w1']);
      expect(lead.body.total.total).toBe(2);
      expect(lead.body.refs.units.map((u: { id: string }) => u.id)).toEqual(['demo-unit']);
      expect((await get(DEMO_ACCOUNTS.LEAD, `year=${YEAR}&unitId=demo-unit`)).status).toBe(200);
      await srv.store.insertUnit({ id: 'unit-b', name: { 'zh-CN': '乙单位', en: 'Unit B', bo: 'Unit B' }, active: true });
      expect((await get(DEMO_ACCOUNTS.LEAD, `year=${YEAR}&unitId=unit-b`)).body.error.code).toBe('NOT_FOUND');
      const unitB = (await get(DEMO_ACCOUNTS.PERSONNEL, `year=${YEAR}&unitId=unit-b`)).body;
      expect(unitB.units).toEqual([]);
      expect(unitB.refs.units.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining(['demo-unit', 'unit-b']));
      expect((await get(DEMO_ACCOUNTS.PERSONNEL, `year=${YEAR}&unitId=no-such-unit`)).status).toBe(404);
      const staff = await get(DEMO_ACCOUNTS.STAFF, `year=${YEAR}`);
      expect([staff.status, staff.body.error.code]).toEqual([403, 'FORBIDDEN']);
      expect((await get(DEMO_ACCOUNTS.ADMIN, `year=${YEAR}`)).status).toBe(403);
      expect((await api(srv.baseUrl, 'GET', `${REPORT_PATHS.annual}?year=${YEAR}`)).status).toBe(401);
      for (const bad of ['year=26', 'year=abcd', '', `year=${YEAR}&format=pdf`]) {
        const res = await get(DEMO_ACCOUNTS.OFFICE, bad);
        expect([res.status, res.body.error.code], bad).toEqual([400, 'VALIDATION_FAILED']);
      }
    });

    it('writes the XLSX: a sheet per unit, title, frozen headers, A4 landscape, dates on the China clock, signatures', async () => {
      const res = await fetch(`${srv.baseUrl}${REPORT_PATHS.annual}?year=${YEAR}&format=xlsx`, { headers: { cookie: await as(DEMO_ACCOUNTS.SUPERVISION) } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      expect(res.headers.get('content-disposition')).toContain(`annual-${YEAR}.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await res.arrayBuffer());
      const unitName = (await srv.store.loadCatalog()).units.find((u) => u.id === 'demo-unit')!.name['zh-CN'];
      expect(workbook.worksheets.map((s) => s.name)).toEqual([unitName]);
      const sheet = workbook.worksheets[0]!;
      expect(String(sheet.getCell('A1').value)).toBe(`${YEAR}年度差评整改情况报告（${unitName}）`);
      expect(sheet.getRow(3).values).toEqual([undefined, '序号', '窗口', '被评价人', '评价时间', '差评记录', '计入统计', '办理路径', '情况说明', '整改情况', '回复情况',
        '回访时间', '决定时间', '整改时间', '回复时间', '办结时间', '回访期限', '整改期限', '办理状态']);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
      expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
      expect(String(sheet.getCell('A4').value)).toMatch(/^窗口：/);
      const first = sheet.getRow(5);
      expect(first.getCell(1).value).toBe(1);
      const ratedAt = first.getCell(4).value as Date;
      expect(ratedAt).toBeInstanceOf(Date);
      // The cell shows the China wall clock: the Date's UTC fields are CST.
      const stored = (await srv.store.getRating(handled.id))!.ratedAt;
      expect(Math.abs(ratedAt.getTime() - (stored + CST_OFFSET_MS))).toBeLessThan(1000);
      expect(first.getCell(5).value).toContain('态度差');
      expect(first.getCell(5).value).toContain('实名');
      expect(first.getCell(7).value).toBe('立行立改');
      expect(first.getCell(9).value).toContain('窗口人员服务规范培训');
      expect(first.getCell(5).alignment).toMatchObject({ wrapText: true });
      const second = sheet.getRow(6);
      expect(second.getCell(7).value).toBe('不予采纳');
      expect(second.getCell(8).value).toContain('误评');
      expect(second.getCell(8).value).toContain('审批：孙伟（演示·纪检）');
      const cells: string[] = [];
      sheet.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
      const all = cells.join('\n');
      expect(all).toContain('否（无效评价）');
      expect(all).toMatch(/小计：差评 3 件（计入统计 2，无效 1，实名 2）/);
      expect(all).toContain('制表人：');
      expect(all).toContain('（盖章）');
      expect(all).not.toContain(PHONE);
      expect(all).not.toContain('张三');
      const lead = await fetch(`${srv.baseUrl}${REPORT_PATHS.annual}?year=${YEAR}&format=xlsx`, { headers: { cookie: await as(DEMO_ACCOUNTS.STAFF) } });
      expect(lead.status).toBe(403);
    });
  });
}
