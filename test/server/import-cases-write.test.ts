import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../../sync-server/store/store';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { openDemoStore, tempDir } from '../support/server';

// `npm run import-cases -- FILE --unit UNIT` writing 办件 (service cases) into a demo hall's store, on a real SQLite
// data folder and on PostgreSQL: good lines stored once, bad ones refused per line, a second run unchanged.

const root = fileURLToPath(new URL('../..', import.meta.url));
const HEADER = '办件编号,事项编码,窗口号,工号,受理时间,办结时间,申请人类型,状态';
const run = promisify(execFile);

afterAll(async () => {
  await dropTestSchemas();
});

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`npm run import-cases --unit (${kind})`, () => {
    const dataDir = tempDir('import-write');
    const env: NodeJS.ProcessEnv =
      kind === 'sqlite' ? { DATA_DIR: dataDir } : { DATA_DIR: dataDir, DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: newTestSchema('hcp_import'), HCP_CONTACT_KEY: 'a'.repeat(64) };
    const file = (name: string, lines: string[]) => {
      const p = path.join(dataDir, name);
      fs.writeFileSync(p, [HEADER, ...lines].join('\n') + '\n');
      return p;
    };
    /** The CLI as an operator runs it (node + tsx directly: npm adds seconds per run on a busy machine). */
    async function importCases(...args: string[]) {
      const childEnv = { ...process.env, DATABASE_URL: '', DATABASE_SCHEMA: '', ...env };
      try {
        const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(root, 'sync-server/service-cases/import-cases-cli.ts'), ...args], { cwd: root, env: childEnv });
        return { code: 0, out: stdout, err: stderr };
      } catch (err) {
        const e = err as { code: number; stdout: string; stderr: string };
        return { code: e.code, out: e.stdout, err: e.stderr };
      }
    }
    async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
      const store = await openDemoStore(dataDir, env);
      try {
        return await fn(store);
      } finally {
        await store.close();
      }
    }
    const stored = () => withStore((s) => s.listServiceCases({ unitId: 'demo-unit', limit: 100 }));
    const imports = () => withStore(async (s) => (await s.listAudit({ limit: 50 })).filter((a) => a.action === 'service-cases.import'));

    it('stores exactly the good lines (source IMPORT), refuses each bad one with its code, audits once, exits 1', async () => {
      await withStore(async () => undefined); // the demo hall, seeded once
      const mixed = file('mixed.csv', [
        'IMP-1,DEMO-001,1,D1001,2026-11-30 09:05:00,,个人,受理',
        'IMP-2,DEMO-002,2,D1001,2026-11-30 09:10:00,2026-11-30 10:00:00,法人,办结',
        'IMP-3,DEMO-001,1,X9999,2026-11-30 09:15:00,,个人,受理',
        'IMP-4,NO-SUCH,1,D1001,2026-11-30 09:20:00,,个人,受理',
        'IMP-5,DEMO-001,1,D1001,2026-11-30 09:25:00,,公司,受理',
      ]);
      const { code, out, err } = await importCases(mixed, '--unit', 'demo-unit');
      expect(err).toBe('');
      expect(code).toBe(1);
      expect(out).toContain('line 2: added 办件 IMP-1 (ACCEPTED, item DEMO-001, window 1, 工号 D1001');
      expect(out).toContain('line 3: added 办件 IMP-2 (FINISHED');
      expect(out).toMatch(/line 4: refused 办件 IMP-3 .*\n {2}error UNKNOWN_STAFF: no 工号 X9999/);
      expect(out).toMatch(/line 5: refused 办件 IMP-4 .*\n {2}error UNKNOWN_SERVICE_ITEM: no service item with code NO-SUCH in unit demo-unit/);
      expect(out).toContain('line 6: refused (1 problem)\n  error [申请人类型] UNKNOWN_APPLICANT_TYPE');
      expect(out.trimEnd().split('\n').at(-1)).toBe('summary: 5 data lines, 2 added, 0 updated, 0 unchanged, 3 refused, 0 replaced by a later line of the same 办件编号');

      const cases = await stored();
      expect(cases.map((c) => c.caseNo).sort()).toEqual(['IMP-1', 'IMP-2']);
      const imp2 = cases.find((c) => c.caseNo === 'IMP-2')!;
      expect(imp2).toMatchObject({ unitId: 'demo-unit', serviceItemId: 'demo-item-2', staffId: 'demo-s1', applicantType: 'LEGAL_PERSON', status: 'FINISHED', source: 'IMPORT', finishedAt: Date.parse('2026-11-30T10:00:00+08:00') });
      const audit = await imports();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorId: null, targetType: 'unit', targetId: 'demo-unit', detail: { file: 'mixed.csv', format: 'csv-utf-8', lines: 5, added: 2, updated: 0, unchanged: 0, refused: 3, superseded: 0 } });
      expect(audit[0].detail!.user).toEqual(expect.any(String));
    }, 120_000);

    it('the same file again: all unchanged, nothing doubled; a changed status in another file: updated, exit 0', async () => {
      const again = await importCases(path.join(dataDir, 'mixed.csv'), '--unit', 'demo-unit');
      expect(again.code).toBe(1);
      expect(again.out).toContain('line 2: unchanged 办件 IMP-1');
      expect(again.out).toContain('line 3: unchanged 办件 IMP-2');
      expect(again.out).toContain('summary: 5 data lines, 0 added, 0 updated, 2 unchanged, 3 refused');
      const before = await stored();
      expect(before).toHaveLength(2);

      const finished = file('finished.csv', ['IMP-1,DEMO-001,1,D1001,2026-11-30 09:05:00,2026-11-30 11:30:00,个人,办结']);
      const update = await importCases(finished, '--unit', 'demo-unit');
      expect(update.err).toBe('');
      expect(update.code).toBe(0);
      expect(update.out).toContain('line 2: updated 办件 IMP-1 (FINISHED');
      expect(update.out).toContain('summary: 1 data lines, 0 added, 1 updated, 0 unchanged, 0 refused');
      const after = await stored();
      expect(after).toHaveLength(2);
      const imp1Before = before.find((c) => c.caseNo === 'IMP-1')!;
      const imp1 = after.find((c) => c.caseNo === 'IMP-1')!;
      // The same 办件, its id kept, its status and finish time changed.
      expect(imp1).toMatchObject({ id: imp1Before.id, status: 'FINISHED', finishedAt: Date.parse('2026-11-30T11:30:00+08:00'), receivedAt: imp1Before.receivedAt });
      expect((await imports()).map((a) => a.detail)).toEqual(
        expect.arrayContaining([expect.objectContaining({ file: 'finished.csv', updated: 1 }), expect.objectContaining({ file: 'mixed.csv', unchanged: 2 })]),
      );
    }, 120_000);

    it('an unknown unit or no --unit: exit 2 and a clear message; a refused file or a dry run: nothing written; --json', async () => {
      const other = file('other.csv', ['IMP-9,DEMO-001,1,D1001,2026-11-30 09:05:00,,个人,受理']);
      const unknown = await importCases(other, '--unit', 'no-such-unit');
      expect(unknown.code).toBe(2);
      expect(unknown.err).toContain('no unit "no-such-unit" in the catalogue (units: demo-unit); nothing written');
      expect(unknown.out).toBe('');
      const missing = await importCases(other);
      expect(missing.code).toBe(2);
      expect(missing.err).toContain('--unit UNIT_ID is required');
      // A dry run with the unit checks the codes against the catalogue and writes nothing.
      const dry = await importCases(file('dry.csv', ['IMP-9,DEMO-001,1,X9999,2026-11-30 09:05:00,,个人,受理', 'IMP-10,DEMO-001,1,D1001,2026-11-30 09:05:00,,个人,受理']), '--dry-run', '--unit', 'demo-unit');
      expect(dry.code).toBe(1);
      expect(dry.out).toContain('Codes checked against unit demo-unit.');
      expect(dry.out).toMatch(/line 2: refused 办件 IMP-9 .*\n {2}error UNKNOWN_STAFF/);
      expect(dry.out).toContain('line 3: would add or update 办件 IMP-10');
      expect(dry.out).toContain('DRY RUN summary: 2 data lines, 1 would be added or updated, 1 refused');
      expect((await stored()).map((c) => c.caseNo).sort()).toEqual(['IMP-1', 'IMP-2']);
      // A refused file (a column missing) writes nothing, even with a unit and a store.
      const noColumn = path.join(dataDir, 'no-column.csv');
      fs.writeFileSync(noColumn, '办件编号,事项编码\nIMP-11,DEMO-001\n');
      const refusedFile = await importCases(noColumn, '--unit', 'demo-unit');
      expect(refusedFile.code).toBe(1);
      expect(refusedFile.out).toContain('summary: file refused, nothing written; 0 data lines');
      // JSON gives each line's outcome and the stored id.
      const json = await importCases(path.join(dataDir, 'finished.csv'), '--unit', 'demo-unit', '--json');
      expect(json.code).toBe(0);
      const imp1 = (await stored()).find((c) => c.caseNo === 'IMP-1')!;
      expect(JSON.parse(json.out)).toMatchObject({ dryRun: false, unitId: 'demo-unit', rows: [{ line: 2, outcome: 'unchanged', id: imp1.id }], summary: { lines: 1, unchanged: 1, refused: 0 } });
      expect((await stored()).map((c) => c.caseNo).sort()).toEqual(['IMP-1', 'IMP-2']);
      // Four runs wrote (mixed, mixed again, finished, finished as JSON); the refused unit, the refused file and the dry run added no entry.
      expect(await imports()).toHaveLength(4);
    }, 120_000);
  });
}
