import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { endOfDayCst } from '../../src/domain/workdays';
import { cst, defaultsDb, finishedCase } from '../support/default-ratings';
import { dropTestSchemas } from '../support/postgres';
import { tempDir } from '../support/server';

// `npm run -s defaults -- --as-of …` (issue 14): the job once against DATA_DIR or DATABASE_URL, printing what it
// made; two processes at once still make one default per 办件.

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
afterAll(dropTestSchemas);

/** The CLI as an operator runs it (node + tsx directly: npm adds seconds per run on a busy machine). */
async function defaults(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(root, 'sync-server/defaults/defaults-cli.ts'), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`npm run defaults (${kind})`, () => {
    it('prints the counts, then one line per default made and per 办件 waiting; a second run makes nothing', async () => {
      const db = defaultsDb(kind);
      const store = await db.open();
      await store.upsertServiceCases([
        finishedCase('CLI-0930', cst('2026-09-30 10:00')),
        finishedCase('CLI-1229', cst('2026-12-29 10:00')),
      ], Date.now());
      await store.close();

      const first = await defaults(db.env, '--as-of', '2026-10-15T00:00:00+08:00');
      expect(first.code).toBe(0);
      const lines = first.out.trim().split('\n');
      expect(lines[0]).toMatch(/^default 满意 as of 2026-10-15T00:00:00\.000\+08:00 \(store \w+\): 1 made, 0 superseded, 0 waiting/);
      // 2026-09-30 + 5 working days across the National Day holiday, on the published 2026 table.
      expect(lines[1]).toMatch(/^made [0-9a-f-]{36} 办件 CLI-0930 \(unit demo-unit, window demo-w1, staff demo-s1\): finished 2026-09-30 10:00, default at the end of 2026-10-13$/);
      expect(lines).toHaveLength(2);

      const json = JSON.parse((await defaults(db.env, '--as-of', '2027-02-01 00:00:00', '--json')).out);
      expect(json.counts).toMatchObject({ made: 0, waiting: 1, candidates: 1 });
      expect(json.waiting[0]).toMatchObject({ caseNo: 'CLI-1229', missingYears: [2027] });
      const text = await defaults(db.env, '--as-of', '2027-02-01T00:00:00+08:00');
      expect(text.out).toContain('waiting 办件 CLI-1229 (unit demo-unit): finished 2026-12-29 10:00, no calendar table for 2027 (about 2027-01-05)');

      const again = await db.open();
      try {
        const made = (await again.listRatings(0, 10)).filter((r) => r.channel === 'DEFAULT');
        expect(made.map((r) => [r.caseNumber, r.ratedAt])).toEqual([['CLI-0930', endOfDayCst('2026-10-13')]]);
        const audit = (await again.listAudit({ limit: 10 })).filter((a) => a.action === 'ratings.default');
        expect(audit).toHaveLength(1);
        expect(audit[0].detail).toMatchObject({ made: 1, runBy: 'command' });
        expect(String(audit[0].detail?.user)).toMatch(/uid \d+/);
      } finally {
        await again.close();
      }
    });

    it('two processes at once make one default per 办件', async () => {
      const db = defaultsDb(kind);
      const store = await db.open();
      const n = 1500;
      await store.upsertServiceCases(Array.from({ length: n }, (_, i) => finishedCase(`TWO-${i}`, cst('2026-03-02 09:00') + i * 1000)), Date.now());
      await store.close();
      const outs = await Promise.all([0, 1].map(() => defaults(db.env, '--as-of', '2026-04-01T00:00:00+08:00', '--json')));
      expect(outs.map((o) => o.code)).toEqual([0, 0]);
      const made = outs.map((o) => JSON.parse(o.out).counts.made as number);
      expect(made[0] + made[1]).toBe(n);
      const rows = await db.defaults();
      expect(rows).toHaveLength(n);
      expect(new Set(rows.map((r) => r.case_number)).size).toBe(n);
    });
  });
}

describe('npm run defaults refuses', () => {
  it('a time it cannot read, and a data folder without a database (nothing made)', async () => {
    const dataDir = tempDir('defaults-none');
    const bad = await defaults({ DATA_DIR: dataDir, DATABASE_URL: '' }, '--as-of', 'tomorrow');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--as-of: not a time');
    const none = await defaults({ DATA_DIR: dataDir, DATABASE_URL: '' }, '--as-of', '2026-10-15T00:00:00+08:00');
    expect(none.code).toBe(2);
    expect(none.err).toContain(`no database in ${dataDir}`);
  });
});
