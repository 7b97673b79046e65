import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../src/domain/endpoints';
import { SERVICE_CASE_IMPORT_MAX_BYTES, type ServiceCaseImportResult } from '../../src/domain/service-case-import';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { startInProcessServer, type InProcessServer } from '../support/server';

// The /admin upload of a 办件 (service case) export through real HTTP, on a real SQLite file and on PostgreSQL:
// the preview writes nothing and says what each line would do, the import writes and audits, a replay is
// unchanged; CSV in UTF-8 and GB18030 and XLSX; every refusal of the whole request coded.

const HEADER = '办件编号,事项编码,窗口号,工号,受理时间,办结时间,申请人类型,状态';
const china = (wallClock: string) => Date.parse(`${wallClock.replace(' ', 'T')}+08:00`);

/** GB18030 bytes of Chinese text, by inverting the platform's own decoder over the two-byte (GBK) range. */
function gb18030(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else bytes.push(...table.get(ch)!);
  }
  return Buffer.from(bytes);
}

async function xlsx(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('办件');
  sheet.addRow(HEADER.split(','));
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

afterAll(async () => {
  await dropTestSchemas();
});

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`办件 upload on /admin (${kind})`, () => {
    let srv: InProcessServer;
    let admin: string;
    beforeAll(async () => {
      srv = await startInProcessServer(kind === 'sqlite' ? {} : { env: { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: newTestSchema('hcp_upload'), HCP_CONTACT_KEY: 'b'.repeat(64) } });
      admin = await signIn(srv.baseUrl, DEMO_ACCOUNTS.ADMIN);
    });
    afterAll(async () => {
      await srv?.close(); // fails if an answer did not match the endpoint table's schema
    });

    const upload = (bytes: Buffer, query: Record<string, string>, opts: { type?: string; cookie?: string | null; headers?: Record<string, string> } = {}) =>
      api(srv.baseUrl, 'POST', `${API.importServiceCases.path}?${new URLSearchParams(query)}`, {
        raw: bytes,
        cookie: opts.cookie === null ? undefined : (opts.cookie ?? admin),
        headers: { 'content-type': opts.type ?? 'text/csv', ...opts.headers },
      });
    const csv = (...lines: string[]) => Buffer.from([HEADER, ...lines].join('\r\n') + '\r\n');
    const stored = async () => (await srv.store.listServiceCases({ unitId: 'demo-unit', limit: 1000 })).filter((c) => c.caseNo.startsWith('UP-'));
    const imports = async () => (await srv.store.listAudit({ limit: 100 })).filter((a) => a.action === 'service-cases.import');

    const mixed = csv(
      'UP-1,DEMO-001,1,D1001,2026-11-30 09:05:00,,个人,受理',
      'UP-2,DEMO-002,2,D1001,2026-11-30 09:10:00,2026-11-30 10:00:00,法人,办结',
      'UP-3,DEMO-001,1,X9999,2026-11-30 09:15:00,,个人,受理',
      'UP-4,DEMO-001,1,D1001,2026-11-30 09:20:00,,公司,受理',
    );

    it('previews each line with what it would do and why a line is refused, and writes nothing', async () => {
      const res = await upload(mixed, { unitId: 'demo-unit', dryRun: '1', filename: 'mixed.csv' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const body = res.body as ServiceCaseImportResult;
      expect(body).toMatchObject({ dryRun: true, unitId: 'demo-unit', filename: 'mixed.csv', format: 'csv-utf-8', fileErrors: [] });
      expect(body.counts).toEqual({ lines: 4, added: 2, updated: 0, unchanged: 0, refused: 2, superseded: 0 });
      expect(body.lines.map((l) => [l.line, l.caseNo, l.outcome])).toEqual([
        [2, 'UP-1', 'added'],
        [3, 'UP-2', 'added'],
        [4, 'UP-3', 'refused'],
        [5, 'UP-4', 'refused'],
      ]);
      expect(body.lines[1].row).toEqual({ serviceItemCode: 'DEMO-002', windowNumber: '2', employeeNo: 'D1001', acceptedAt: china('2026-11-30 09:10:00'), finishedAt: china('2026-11-30 10:00:00'), applicantType: 'LEGAL_PERSON', status: 'FINISHED' });
      expect(body.lines[2].errors).toEqual([{ code: 'UNKNOWN_STAFF', column: '工号', params: { column: '工号', value: 'X9999' }, message: 'no 工号 X9999' }]);
      expect(body.lines[3].errors).toMatchObject([{ code: 'UNKNOWN_APPLICANT_TYPE', column: '申请人类型', params: { column: '申请人类型', value: '公司' } }]);
      expect(body.lines[3].row).toBeUndefined();
      expect(await stored()).toEqual([]);
      expect(await imports()).toEqual([]);
    });

    it('imports: writes the good lines once (source IMPORT), answers the counts, audits the administrator; a replay is unchanged', async () => {
      const res = await upload(mixed, { unitId: 'demo-unit', filename: 'mixed.csv' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const body = res.body as ServiceCaseImportResult;
      expect(body.dryRun).toBe(false);
      expect(body.counts).toEqual({ lines: 4, added: 2, updated: 0, unchanged: 0, refused: 2, superseded: 0 });
      const cases = await stored();
      expect(cases.map((c) => c.caseNo).sort()).toEqual(['UP-1', 'UP-2']);
      expect(cases.find((c) => c.caseNo === 'UP-2')).toMatchObject({ serviceItemId: 'demo-item-2', staffId: 'demo-s1', status: 'FINISHED', source: 'IMPORT', applicantType: 'LEGAL_PERSON' });
      expect(body.lines.filter((l) => l.outcome === 'added').map((l) => l.id).sort()).toEqual(cases.map((c) => c.id).sort());
      const me = (await api(srv.baseUrl, 'GET', API.me.path, { cookie: admin })).body;
      const audit = await imports();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorId: me.id, targetType: 'unit', targetId: 'demo-unit', detail: { file: 'mixed.csv', format: 'csv-utf-8', user: null, lines: 4, added: 2, updated: 0, unchanged: 0, refused: 2, superseded: 0 } });
      expect(audit[0].ip).toBe('127.0.0.1');

      const again = (await upload(mixed, { unitId: 'demo-unit', filename: 'mixed.csv' })).body as ServiceCaseImportResult;
      expect(again.counts).toMatchObject({ added: 0, updated: 0, unchanged: 2, refused: 2 });
      expect((await stored()).map((c) => [c.id, c.updatedAt])).toEqual(cases.map((c) => [c.id, c.updatedAt]));
      expect(await imports()).toHaveLength(2);
    });

    it('previews an update as updated and a same line as unchanged; a later line of the same 办件编号 supersedes', async () => {
      const changed = csv(
        'UP-1,DEMO-001,1,D1001,2026-11-30 09:05:00,2026-11-30 11:00:00,个人,办结',
        'UP-2,DEMO-002,2,D1001,2026-11-30 09:10:00,2026-11-30 10:00:00,法人,办结',
        'UP-5,DEMO-001,1,D1001,2026-11-30 09:30:00,,个人,受理',
        'UP-5,DEMO-001,1,D1001,2026-11-30 09:30:00,,个人,办理中',
      );
      const before = await stored();
      const preview = (await upload(changed, { unitId: 'demo-unit', dryRun: 'true' })).body as ServiceCaseImportResult;
      expect(preview.lines.map((l) => [l.caseNo, l.outcome])).toEqual([
        ['UP-1', 'updated'],
        ['UP-2', 'unchanged'],
        ['UP-5', 'superseded'],
        ['UP-5', 'added'],
      ]);
      expect(preview.lines[2].notes).toMatchObject([{ code: 'DUPLICATE_SUPERSEDED', params: { line: 5 } }]);
      expect(await stored()).toEqual(before);
      const done = (await upload(changed, { unitId: 'demo-unit' })).body as ServiceCaseImportResult;
      expect(done.counts).toEqual({ lines: 4, added: 1, updated: 1, unchanged: 1, refused: 0, superseded: 1 });
      expect((await srv.store.findServiceCase('demo-unit', 'UP-5'))?.status).toBe('IN_PROGRESS');
      expect((await srv.store.findServiceCase('demo-unit', 'UP-1'))?.finishedAt).toBe(china('2026-11-30 11:00:00'));
    });

    it('reads a GB18030 CSV (Chinese Excel) and an XLSX the same way', async () => {
      const gbk = gb18030([HEADER, 'UP-G1,DEMO-001,1,D1001,2026-11-30 09:40:00,,个人,受理', 'UP-G2,DEMO-001,9,D1001,2026-11-30 09:41:00,,个人,受理'].join('\r\n'));
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
      const g = (await upload(gbk, { unitId: 'demo-unit', filename: 'gbk.csv' }, { type: 'application/vnd.ms-excel' })).body as ServiceCaseImportResult;
      expect(g.format).toBe('csv-gb18030');
      expect(g.lines.map((l) => [l.caseNo, l.outcome, l.errors.map((e) => [e.column, e.code])])).toEqual([
        ['UP-G1', 'added', []],
        ['UP-G2', 'refused', [['窗口号', 'UNKNOWN_WINDOW']]],
      ]);

      const book = await xlsx([
        ['UP-X1', 'DEMO-002', '2', 'D1001', '2026-11-30 09:50:00', '2026-11-30 09:55:00', '法人', '办结'],
        ['UP-X2', 'DEMO-002', '2', 'D1001', 'not a time', null, '个人', '受理'],
      ]);
      const x = (await upload(book, { unitId: 'demo-unit', filename: 'cases.xlsx' }, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })).body as ServiceCaseImportResult;
      expect(x.format).toBe('xlsx');
      expect(x.lines.map((l) => [l.line, l.caseNo, l.outcome, l.errors.map((e) => [e.column, e.code])])).toEqual([
        [2, 'UP-X1', 'added', []],
        [3, 'UP-X2', 'refused', [['受理时间', 'BAD_TIME']]],
      ]);
      expect((await stored()).map((c) => c.caseNo).sort()).toEqual(['UP-1', 'UP-2', 'UP-5', 'UP-G1', 'UP-X1']);
    });

    it('refuses a whole file it cannot read without writing, and audits the attempt: a missing column, an empty body, an old .xls', async () => {
      const noStatus = Buffer.from('办件编号,事项编码,窗口号,工号,受理时间,办结时间,申请人类型\r\nUP-9,DEMO-001,1,D1001,2026-11-30 09:05:00,,个人\r\n');
      const before = await stored();
      const auditsBefore = (await imports()).length;
      const missing = (await upload(noStatus, { unitId: 'demo-unit' })).body as ServiceCaseImportResult;
      expect(missing.fileErrors).toMatchObject([{ code: 'MISSING_COLUMN', params: { column: '状态 (status)' } }]);
      expect(missing.lines).toEqual([]);
      expect(((await upload(Buffer.alloc(0), { unitId: 'demo-unit' })).body as ServiceCaseImportResult).fileErrors).toMatchObject([{ code: 'EMPTY_FILE' }]);
      const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
      expect(((await upload(ole, { unitId: 'demo-unit' }, { type: 'application/vnd.ms-excel' })).body as ServiceCaseImportResult).fileErrors).toMatchObject([{ code: 'UNSUPPORTED_FORMAT' }]);
      expect(await stored()).toEqual(before);
      const audited = (await imports()).slice(0, -auditsBefore || undefined);
      expect(audited.map((a) => a.detail!.fileErrors).reverse()).toEqual([['MISSING_COLUMN'], ['EMPTY_FILE'], ['UNSUPPORTED_FORMAT']]);
      expect(audited.every((a) => a.detail!.added === 0 && a.detail!.lines === 0)).toBe(true);
      // A preview of a refused file writes no audit entry either.
      await upload(noStatus, { unitId: 'demo-unit', dryRun: '1' });
      expect(await imports()).toHaveLength(auditsBefore + 3);
    });

    it('refuses the request with a code and writes nothing: too large, wrong person, unknown unit, wrong type, encoded', async () => {
      const before = await stored();
      const line = 'UP-BIG,DEMO-001,1,D1001,2026-11-30 09:05:00,,个人,受理\r\n';
      const big = Buffer.concat([csv(), Buffer.from(line.repeat(Math.ceil(SERVICE_CASE_IMPORT_MAX_BYTES / line.length) + 1))]);
      const tooLarge = await upload(big, { unitId: 'demo-unit' });
      expect([tooLarge.status, tooLarge.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);

      const supervision = await signIn(srv.baseUrl, DEMO_ACCOUNTS.SUPERVISION);
      const forbidden = await upload(mixed, { unitId: 'demo-unit' }, { cookie: supervision });
      expect([forbidden.status, forbidden.body.error.code]).toEqual([403, 'FORBIDDEN']);
      expect((await upload(mixed, { unitId: 'demo-unit' }, { cookie: null })).status).toBe(401);

      const unknown = await upload(mixed, { unitId: 'no-such-unit' });
      expect([unknown.status, unknown.body.error.code]).toEqual([400, 'UNKNOWN_UNIT']);
      const noUnit = await upload(mixed, {});
      expect([noUnit.status, noUnit.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      const png = await upload(Buffer.from('89504e470d0a1a0a', 'hex'), { unitId: 'demo-unit' }, { type: 'image/png' });
      expect([png.status, png.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      const json = await upload(Buffer.from('{"items":[]}'), { unitId: 'demo-unit' }, { type: 'application/json' });
      expect([json.status, json.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      const gz = await upload(mixed, { unitId: 'demo-unit' }, { headers: { 'content-encoding': 'gzip' } });
      expect([gz.status, gz.body.error.code]).toEqual([415, 'UNSUPPORTED_CONTENT_ENCODING']);
      expect(await stored()).toEqual(before);
    });

    it('leaves a text/csv body on a JSON route refused as before (the parser is this route\'s only)', async () => {
      const res = await api(srv.baseUrl, 'POST', API.createSystemToken.path, { cookie: admin, raw: mixed, headers: { 'content-type': 'text/csv' } });
      expect([res.status, res.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    });
  });
}
