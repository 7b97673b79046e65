import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { TAP_MEASURES } from '../../src/kiosk/tap-timing';
import { openProfile } from './browser';
import { caseStep } from './cases';
import type { FaultProxy } from './fault-proxy';
import { spawnServer, type ServerProcess } from './server';

/*
 * The moving parts of the fault run (test/e2e/faults-nothing-lost.test.ts): the server that is killed and started
 * again behind the proxy, the browser killed and reopened on its profile, and the real UI's gestures that make
 * records (a kiosk tap, a typed paper form, a case step). Each gesture returns once the app has committed it.
 */

/** The server behind the proxy: killed with SIGKILL while a push is on its way in, restarted on the same data. */
export class KillableServer {
  kills = 0;
  private armed: Promise<void> | null = null;
  /** Set once a kill has fired, until the new server answers: what `stop` must wait for. */
  private restarting: Promise<void> | null = null;
  private stopped = false;

  constructor(
    readonly dataDir: string,
    private readonly proxy: FaultProxy,
    public current: ServerProcess,
  ) {
    proxy.retarget(current.port);
  }

  /**
   * At the next push the proxy forwards, the server dies (SIGKILL: no shutdown, the request half-handled) and
   * starts again on another port the proxy then points to. Runs beside the gestures; `settled` waits for it.
   */
  killAtNextSync() {
    if (this.armed) throw new Error('a kill is already armed');
    this.armed = this.proxy.nextForward().then(() => {
      if (this.stopped) return;
      this.restarting = this.killAndRestart();
      return this.restarting;
    });
  }

  private async killAndRestart() {
    const dying = this.current;
    dying.child.kill('SIGKILL');
    await dying.exited;
    this.kills++;
    this.current = await spawnServer({ dataDir: this.dataDir, built: true });
    this.proxy.retarget(this.current.port);
  }

  async settled() {
    await this.armed;
    this.armed = null;
  }

  /** Stops the server running now; a kill armed but not fired stays unfired, one under way is let finish first. */
  async stop() {
    this.stopped = true;
    await this.restarting?.catch(() => undefined);
    await this.current.stop();
  }
}

/** The main Chromium process of a profile (the one without --type=), found by its own profile folder. */
function browserPid(profileDir: string): number {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = fs.readFileSync(path.join('/proc', entry, 'cmdline'), 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const args = cmdline.split('\0');
    if (args.includes(`--user-data-dir=${profileDir}`) && !args.some((a) => a.startsWith('--type='))) return Number(entry);
  }
  throw new Error(`no Chromium runs on ${profileDir}`);
}

/** A browser on a profile that the test can kill like a power cut (SIGKILL, no shutdown) and open again. */
export class KillableBrowser {
  kills = 0;
  private constructor(
    readonly profileDir: string,
    public context: BrowserContext,
    public page: Page,
  ) {}

  static async open(profileDir: string) {
    const { context, page } = await openProfile(profileDir);
    return new KillableBrowser(profileDir, context, page);
  }

  async kill() {
    const pid = browserPid(this.profileDir);
    const gone = new Promise<void>((resolve) => this.context.once('close', () => resolve()));
    process.kill(pid, 'SIGKILL');
    await gone;
    this.kills++;
  }

  async reopen() {
    ({ context: this.context, page: this.page } = await openProfile(this.profileDir));
  }

  close() {
    return this.context.close().catch(() => undefined);
  }
}

/** The kiosk's level buttons by level. */
export const KIOSK_LEVELS = {
  VERY_SATISFIED: '非常满意',
  SATISFIED: '满意',
  BASICALLY_SATISFIED: '基本满意',
  DISSATISFIED: '不满意',
  VERY_DISSATISFIED: '非常不满意',
} as const;
export type Level = keyof typeof KIOSK_LEVELS;

/**
 * One citizen's tap at the kiosk; a bad level goes through the reason screen (with a phone when given, so its case
 * can be called back). Returns when the app has committed it (its tap-to-commit measure) and is idle again.
 */
export async function kioskTap(page: Page, level: Level, phone?: string) {
  const committed = () => page.evaluate((name) => performance.getEntriesByName(name).length, TAP_MEASURES.committed);
  const before = await committed();
  await page.getByRole('button', { name: KIOSK_LEVELS[level], exact: true }).click();
  if (level === 'DISSATISFIED' || level === 'VERY_DISSATISFIED') {
    await page.getByLabel('办事效率低、推诿扯皮').check();
    if (phone) await page.getByLabel('电话').fill(phone);
    await page.getByRole('button', { name: '提交' }).click();
  }
  await page.waitForFunction(([name, n]) => performance.getEntriesByName(name).length > n, [TAP_MEASURES.committed, before] as const);
  await page.locator('[data-screen="idle"]').waitFor();
}

/** Attachment 1 typed in at /form by the signed-in clerk; returns once it is saved on the tablet. */
export async function typePaperForm(page: Page, caseNumber: string, level: 'VERY_SATISFIED' | 'SATISFIED' | 'BASICALLY_SATISFIED') {
  await page.getByLabel('办件编号').fill(caseNumber);
  await page.getByLabel('输入编码或名称查找事项').fill('备案');
  await page.getByLabel('办理事项').selectOption('demo-item-1');
  await page.getByLabel('窗口').selectOption('demo-w1');
  await page.getByLabel('工作人员').selectOption('demo-s1');
  await page.getByLabel('办理日期').fill('2026-11-20');
  await page.getByLabel(KIOSK_LEVELS[level], { exact: true }).check();
  await page.getByRole('button', { name: '保存并上传' }).click();
  await page.getByText(`办件 ${caseNumber} 的评价表已保存在本机`, { exact: false }).waitFor();
}

/** The five steps of a named bad review on /staff → 差评处理, as cases.test.ts makes them; counted one by one. */
export const CASE_STEPS = ['CALL_BACK', 'DECIDE', 'RECTIFY', 'REPLY', 'CLOSE'] as const;

/** Takes a case from received to closed; `onStep` is told after each step the tablet has queued. */
export async function workCase(page: Page, caseId: string, onStep: () => void) {
  await caseStep(page, caseId, '记录回访', { 备注: '已致歉' }, 'CALLED_BACK');
  onStep();
  await caseStep(page, caseId, '处理决定', {}, 'DECIDED');
  onStep();
  await caseStep(page, caseId, '记录整改', { 整改内容: '窗口服务规范再培训' }, 'RECTIFIED');
  onStep();
  await caseStep(page, caseId, '记录答复', { 答复内容: '已电话答复整改结果' }, 'REPLIED');
  onStep();
  const card = page.locator(`[data-case-id="${caseId}"]`);
  await card.getByRole('button', { name: '办结', exact: true }).click();
  await card.getByRole('group', { name: /确定办结/ }).getByRole('button', { name: '确定办结' }).click();
  await card.waitFor({ state: 'detached' }); // closed cases leave the open list
  onStep();
}

/** What the server's database holds, read from its file beside the running server (WAL allows a reader). */
export function serverFigures(dataDir: string) {
  const db = new Database(path.join(dataDir, 'haochaping.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const kiosk = db.prepare("SELECT level, count(*) AS n FROM ratings WHERE channel <> 'PAPER' GROUP BY level").all() as { level: Level; n: number }[];
    const paper = db
      .prepare("SELECT r.case_number AS caseNumber, c.checked_by AS checkedBy FROM ratings r LEFT JOIN paper_checks c ON c.rating_id = r.id WHERE r.channel = 'PAPER'")
      .all() as { caseNumber: string; checkedBy: string | null }[];
    const cases = db.prepare('SELECT id, anonymous FROM cases').all() as { id: string; anonymous: number }[];
    const events = db.prepare('SELECT case_id AS caseId, action_json AS action FROM case_events ORDER BY seq').all() as { caseId: string; action: string }[];
    const total = (db.prepare('SELECT count(*) AS n FROM ratings').get() as { n: number }).n;
    return {
      total,
      kioskByLevel: Object.fromEntries(kiosk.map((r) => [r.level, r.n])) as Partial<Record<Level, number>>,
      paper,
      namedCases: cases.filter((c) => c.anonymous === 0).map((c) => c.id),
      anonymousCases: cases.filter((c) => c.anonymous === 1).map((c) => c.id),
      eventsByCase: events.reduce<Record<string, string[]>>((acc, e) => {
        (acc[e.caseId] ??= []).push((JSON.parse(e.action) as { type: string }).type);
        return acc;
      }, {}),
    };
  } finally {
    db.close();
  }
}
