import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { badRating, DEMO_DEVICE, demoRating } from '../support/ratings';
import { ingestRatings } from '../../sync-server/ingest';
import { openDemoStore, postJson, startInProcessServer, tempDir, type InProcessServer } from '../support/server';

const root = fileURLToPath(new URL('../..', import.meta.url));
let srv: InProcessServer;
// Free text with numbers in it: the masked export scrubs them like the lists do.
const good = demoRating({ level: 'VERY_SATISFIED', comment: '谢谢，有事打 139.1234.5678' });
const bad = badRating({ comment: '=HYPERLINK("http://x")', reasons: ['ATTITUDE', 'OTHER'], otherReason: '排队太久，打 138 0000 1111 没人接' });

function exportCli(args: string[], dataDir = srv.dataDir) {
  return execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'sync-server/export/export-cli.ts'), ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

beforeAll(async () => {
  srv = await startInProcessServer();
  const res = await postJson(srv.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [good, bad] });
  expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
});
afterAll(async () => {
  await srv.close();
});

describe('npm run export', () => {
  it('prints every rating as NDJSON with the level key and masked contact', () => {
    const rows = exportCli(['--format', 'ndjson']).trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: good.id, level: 'VERY_SATISFIED', channel: 'HALL_TABLET', windowId: 'demo-w1', staffId: 'demo-s1', contactPhone: null });
    expect(rows[0].comment).toBe('谢谢，有事打 139****5678');
    expect(rows[1]).toMatchObject({ id: bad.id, level: 'DISSATISFIED', reasons: ['ATTITUDE', 'OTHER'], otherReason: '排队太久，打 138****1111 没人接', contactName: '张*', contactPhone: '138****5678' });
    expect(rows[1].deviceTime).toMatch(/\+08:00$/);
    expect(rows[1].receivedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('prints CSV that a spreadsheet opens as text, formulas defused', () => {
    const csv = exportCli(['--format', 'csv']);
    const lines = csv.trimEnd().split('\n');
    expect(lines[0].startsWith('\uFEFFid,level,reasons')).toBe(true);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('ATTITUDE;OTHER');
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(lines[2]).toContain('138****5678');
    expect(csv).not.toContain('13812345678');
  });

  it('shows contact in full only when asked explicitly, logs that, and writes to a file with --output', async () => {
    const file = path.join(tempDir('export'), 'out.ndjson');
    exportCli(['--format', 'ndjson', '--reveal-contact', '--output', file]);
    const rows = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows[1]).toMatchObject({ contactName: '张三', contactPhone: '13812345678', otherReason: bad.otherReason, comment: bad.comment });
    // Free text of a rating without contact stays scrubbed: the full comment goes with a revealed contact only.
    expect(rows[0].comment).toBe('谢谢，有事打 139****5678');
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    const audit = await srv.store.listAudit({ limit: 10 });
    expect(audit[0]).toMatchObject({ action: 'contact.reveal-export', detail: { format: 'ndjson', count: 2, user: expect.stringContaining(os.userInfo().username) } });
  });

  it('logs a revealing export before the first line leaves, so a reader that stops early (| head -1) cannot skip the log', async () => {
    const dataDir = tempDir('export-head');
    const store = await openDemoStore(dataDir);
    const ratings = Array.from({ length: 3000 }, () => badRating());
    await ingestRatings(store, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: ratings }, Date.now());
    await store.close();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'sync-server/export/export-cli.ts'), '--format', 'csv', '--reveal-contact'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Like `head -1`: read until the first line has arrived, then close the pipe.
    let seen = '';
    await new Promise<void>((resolve) =>
      child.stdout!.on('data', (chunk) => {
        seen += chunk;
        if (seen.includes('\n')) {
          child.stdout!.destroy();
          resolve();
        }
      }),
    );
    await exited;
    const after = await openDemoStore(dataDir);
    const audit = await after.listAudit({ limit: 10 });
    await after.close();
    expect(audit.filter((e) => e.action === 'contact.reveal-export')).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ format: 'csv', count: 3000, user: expect.stringContaining(os.userInfo().username) }) }),
    ]);
  });

  it('refuses an unknown format and a data folder without a database', () => {
    expect(() => exportCli(['--format', 'xml'])).toThrow(/unknown format/);
    expect(() => exportCli(['--format', 'csv'], tempDir('empty'))).toThrow(/no database/);
  });
});
