import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../support/api';
import { assertBuilt, loadControlledKiosk, outboxCount, signInOnPage, waitUntil } from '../support/browser';
import { FAULTS, startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { CASE_STEPS, kioskTap, KillableBrowser, KillableServer, serverFigures, typePaperForm, workCase, type Level } from '../support/fault-run';
import { rng } from '../support/fuzz-prng';
import { PUSH_CASE_ACTIONS_PATH, PUSH_PAPER_PATH, PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { spawnServer, tempDir } from '../support/server';

/*
 * Nothing lost, nothing doubled, end to end: 300 records made in the real app in Chromium (kiosk taps, typed paper
 * forms, case steps) while a proxy drops pushes, loses the server's answers after it committed, sends pushes twice
 * and delays them; the server is killed (SIGKILL) three times mid-push, and the kiosk's and the clerk's browsers
 * once each. Then everything drains through a clean path, and the server must hold each record exactly once.
 * FAULT_SEED=… sets the choices: the levels tapped and, request by request on each push route, the faults. The
 * timing (how the taps fall into batches, when a kill lands) still differs from run to run.
 */
const SEED = Number(process.env.FAULT_SEED ?? 20261130);
const NAMED_CASES = 6; // 不满意 with a phone: each is worked through its five steps
const ANONYMOUS_BAD = 4; // 非常不满意 without a phone: a case with no steps
const PAPER_FORMS = 10;
const CASE_STEP_COUNT = NAMED_CASES * CASE_STEPS.length;
const KIOSK_TAPS = 300 - PAPER_FORMS - CASE_STEP_COUNT;
const GOOD = ['VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED'] as const;

let proxy: FaultProxy | undefined;
let server: KillableServer | undefined;
const browsers: KillableBrowser[] = [];
afterAll(async () => {
  for (const b of browsers) await b.close();
  await server?.stop();
  await proxy?.close();
});

describe('faults on the push routes, a killed server and a killed browser', () => {
  it('300 records made in the real UI reach the server exactly once each', async () => {
    assertBuilt();
    const started = Date.now();
    const random = rng(SEED);
    const dataDir = tempDir('e2e-faults');
    const first = await spawnServer({ dataDir, built: true });
    proxy = await startFaultProxy({ target: first.port, seed: SEED, faultRate: 0.4 });
    server = new KillableServer(dataDir, proxy, first);
    const base = proxy.baseUrl;

    const tapped: Partial<Record<Level, number>> = {};
    let kioskTaps = 0;
    const kiosk = await KillableBrowser.open(tempDir('e2e-faults-kiosk'));
    browsers.push(kiosk);
    const kioskUrl = `${base}/?thanksMs=30`;
    await loadControlledKiosk(kiosk.page, kioskUrl);
    const tap = async (level: Level, phone?: string) => {
      await kioskTap(kiosk.page, level, phone);
      tapped[level] = (tapped[level] ?? 0) + 1;
      kioskTaps++;
    };
    const goodTaps = async (n: number) => {
      for (let i = 0; i < n; i++) await tap(random.pick(GOOD));
    };

    const clerk = await KillableBrowser.open(tempDir('e2e-faults-clerk'));
    browsers.push(clerk);
    await signInOnPage(clerk.page, `${base}/form`, DEMO_ACCOUNTS.LEAD);
    await clerk.page.getByLabel('办件编号').waitFor();
    const paperNumbers: string[] = [];
    const typeForms = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const caseNumber = `QH-FAULT-${String(paperNumbers.length + 1).padStart(3, '0')}`;
        await typePaperForm(clerk.page, caseNumber, random.pick(GOOD));
        paperNumbers.push(caseNumber);
      }
    };

    // 1. The bad reviews first (their cases are worked later), good taps around them; the server dies mid-push.
    for (let i = 0; i < NAMED_CASES; i++) {
      await tap('DISSATISFIED', `1390000${String(1000 + i)}`);
      await goodTaps(5);
    }
    for (let i = 0; i < ANONYMOUS_BAD; i++) await tap('VERY_DISSATISFIED');
    server.killAtNextSync();
    await goodTaps(40);
    await server.settled();

    // 2. Paper forms at the counter, pushed through the same faults.
    await typeForms(PAPER_FORMS / 2);

    // 3. More taps; the kiosk's browser dies (power cut) after the server committed a push, before the answer came
    // back, and is opened again.
    const kioskAnswer = proxy.holdNextAnswer(PUSH_RATINGS_PATH);
    await goodTaps(40);
    const releaseKioskAnswer = await kioskAnswer;
    await kiosk.kill();
    releaseKioskAnswer();
    await kiosk.reopen();
    await kiosk.page.goto(kioskUrl);
    await kiosk.page.getByRole('button', { name: '非常满意' }).waitFor();

    // 4. The lead works the named cases once the kiosk's pushes have brought them; the server dies meanwhile.
    // Done when all arrived, or when the kiosk holds nothing more to send: then the missing ones were lost.
    const arrived = await waitUntil(
      'the named cases on the server, or an empty kiosk outbox',
      async () => ({ outbox: await outboxCount(kiosk.page), cases: serverFigures(dataDir).namedCases }),
      (s) => s.cases.length === NAMED_CASES || s.outbox === 0,
      90_000,
      500,
    );
    const caseIds = serverFigures(dataDir).namedCases;
    expect(caseIds, `named cases on the server (the kiosk's outbox held ${arrived.outbox})`).toHaveLength(NAMED_CASES);
    await clerk.page.goto(`${base}/staff`);
    for (const id of caseIds) await clerk.page.locator(`[data-case-id="${id}"]`).waitFor();
    let steps = 0;
    server.killAtNextSync();
    for (const id of caseIds.slice(0, NAMED_CASES / 2)) {
      await workCase(clerk.page, id, () => steps++);
    }
    await server.settled();

    // 5. Taps with the server killed once more, the other half of the forms and cases.
    server.killAtNextSync();
    await goodTaps(60);
    await server.settled();
    await clerk.page.goto(`${base}/form`);
    await clerk.page.getByLabel('办件编号').waitFor();
    // The clerk's tablet loses power too, the answer to a push of forms on its way; its session may or may not
    // survive the cut.
    const paperAnswer = proxy.holdNextAnswer(PUSH_PAPER_PATH);
    await typeForms(PAPER_FORMS / 2);
    const releasePaperAnswer = await paperAnswer;
    await clerk.kill();
    releasePaperAnswer();
    await clerk.reopen();
    await clerk.page.goto(`${base}/form`);
    await clerk.page.getByLabel('办件编号').or(clerk.page.getByLabel('工号')).waitFor();
    if (await clerk.page.getByLabel('工号').isVisible()) await signInOnPage(clerk.page, `${base}/form`, DEMO_ACCOUNTS.LEAD);
    await clerk.page.getByLabel('办件编号').waitFor();
    await clerk.page.goto(`${base}/staff`);
    for (const id of caseIds.slice(NAMED_CASES / 2)) {
      await clerk.page.locator(`[data-case-id="${id}"]`).waitFor();
      await workCase(clerk.page, id, () => steps++);
    }
    await goodTaps(KIOSK_TAPS - kioskTaps);

    // 6. A clean path: no more faults; the network "returns" on both tablets, which restarts their pushes at once.
    proxy.setFaults(false);
    for (const b of [kiosk, clerk]) {
      await b.context.setOffline(true);
      await b.context.setOffline(false);
    }
    await waitUntil('the kiosk outbox to drain', () => outboxCount(kiosk.page), (n) => n === 0, 90_000, 500);
    await waitUntil('the clerk outbox to drain', () => outboxCount(clerk.page), (n) => n === 0, 90_000, 500);

    // Each form arrived once (before its check, so that a lost one fails here, by name).
    expect(serverFigures(dataDir).paper.map((p) => p.caseNumber).sort(), 'paper forms on the server').toEqual([...paperNumbers].sort());

    // 7. Another clerk of window 1 checks each form from their own session, so that it counts.
    const checker = await KillableBrowser.open(tempDir('e2e-faults-checker'));
    browsers.push(checker);
    await signInOnPage(checker.page, `${base}/form`, 'D1004');
    for (const caseNumber of paperNumbers) {
      const row = checker.page.locator('[data-testid="to-check"]', { hasText: caseNumber });
      await row.getByRole('button', { name: '与纸质表一致，确认核对' }).click();
      await checker.page.getByText(`已确认核对办件 ${caseNumber} 的评价表`).waitFor();
    }

    const seconds = Math.round((Date.now() - started) / 1000);
    const records = kioskTaps + paperNumbers.length + steps;
    const made = `${records} records in the UI (${kioskTaps} kiosk taps, ${paperNumbers.length} paper forms, ${steps} case steps)`;
    const faults = `push requests ${JSON.stringify(proxy.totals())}, per route ${JSON.stringify(proxy.counts)}`;
    const kills = `server kills: ${server.kills}; browser kills: ${kiosk.kills + clerk.kills} (kiosk ${kiosk.kills}, clerk ${clerk.kills})`;
    console.log(`fault run (seed ${SEED}): ${made}; ${faults}; ${kills}; ${seconds} s`);

    // Exactly what was made, once each.
    const figures = serverFigures(dataDir);
    expect(kioskTaps + paperNumbers.length + steps).toBe(300);
    expect(figures.total).toBe(kioskTaps + paperNumbers.length);
    expect(figures.kioskByLevel).toEqual(tapped);
    expect(figures.paper.map((p) => p.caseNumber).sort()).toEqual([...paperNumbers].sort());
    expect(figures.paper.every((p) => p.checkedBy === 'demo-s4')).toBe(true);
    expect(figures.namedCases.sort()).toEqual([...caseIds].sort());
    expect(figures.anonymousCases).toHaveLength(ANONYMOUS_BAD);
    for (const id of caseIds) expect(figures.eventsByCase[id]).toEqual([...CASE_STEPS]);
    for (const id of figures.anonymousCases) expect(figures.eventsByCase[id]).toBeUndefined();
    expect(await outboxCount(kiosk.page)).toBe(0);
    expect(await outboxCount(clerk.page)).toBe(0);
    // Every fault happened, the server and the browser died as planned.
    for (const route of [PUSH_RATINGS_PATH, PUSH_PAPER_PATH, PUSH_CASE_ACTIONS_PATH]) {
      for (const f of FAULTS) expect(proxy.counts[route]?.[f], `${f} on ${route}`).toBeGreaterThan(0);
    }
    expect(server.kills).toBe(3);
    expect(kiosk.kills).toBe(1);
    expect(clerk.kills).toBe(1);
  });
});
