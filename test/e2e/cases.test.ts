import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseListResponse } from '../../src/domain/case-api';
import { replay } from '../../src/domain/case-machine';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { api, DEMO_ACCOUNTS, signIn } from '../support/api';
import { assertBuilt, openProfile, signInOnPage, waitUntil, watchCsp } from '../support/browser';
import { action, caseStep, pushActions } from '../support/cases';
import { badRating, DEMO_DEVICE } from '../support/ratings';
import { postJson, spawnServer, tempDir, type ServerProcess } from '../support/server';

const PHONE = '13900002222';
const DAY = 86_400_000;
let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  assertBuilt();
  dataDir = tempDir('e2e-cases');
  server = await spawnServer({ dataDir, built: true });
  // Deadlines two weeks ahead may reach next year: its table is entered, as the administrator would, so the
  // overdue checks below never meet an uncertain (never overdue) date whenever the tests run.
  const admin = await signIn(server.baseUrl, DEMO_ACCOUNTS.ADMIN);
  const year = await api(server.baseUrl, 'PUT', '/api/v1/admin/calendar/2027', { cookie: admin, body: { holidays: ['2027-01-01'], workdays: [], source: '测试用表' } });
  expect(year.status).toBe(200);
});

/** A bad review that arrived `days` ago: its case row is dated back in the server's own database file. */
function backdateCase(id: string, days: number) {
  const db = new Database(path.join(dataDir, 'haochaping.sqlite'), { fileMustExist: true });
  try {
    db.prepare('UPDATE cases SET received_at = received_at - ? WHERE id = ?').run(days * DAY, id);
  } finally {
    db.close();
  }
}
afterAll(async () => {
  await server?.stop();
});

async function casesOnServer(employeeNo: string) {
  const res = await api(server.baseUrl, 'GET', '/api/v1/cases', { cookie: await signIn(server.baseUrl, employeeNo) });
  expect(res.status).toBe(200);
  return (res.body as CaseListResponse).cases.map((c) => ({ ...c, state: replay(c.facts, c.events) }));
}

const signInAt = (page: Page, employeeNo: string) => signInOnPage(page, server.baseUrl + '/staff', employeeNo);

describe('the bad-review loop in a real browser', () => {
  it('a 不满意 tap at the kiosk reaches the rated staff member at once, who calls back, fixes, replies and closes it', async () => {
    const tablet = await openProfile(tempDir('e2e-cases-tablet'));
    const violations = await watchCsp(tablet.page);
    await signInAt(tablet.page, DEMO_ACCOUNTS.STAFF);
    await tablet.page.getByRole('heading', { name: '我的差评' }).waitFor();
    await tablet.page.getByText('暂无差评。').waitFor();

    // A citizen at window 1's kiosk (where D1001 is on duty in the demo) rates 不满意 and leaves a phone.
    const kiosk = await openProfile(tempDir('e2e-cases-kiosk'));
    await kiosk.page.goto(`${server.baseUrl}/?thanksMs=600`);
    await kiosk.page.getByRole('button', { name: '不满意', exact: true }).click();
    await kiosk.page.getByLabel('服务态度不热情、不主动').check();
    await kiosk.page.getByLabel('电话').fill(PHONE);
    await kiosk.page.getByRole('button', { name: '提交' }).click();
    await kiosk.page.getByText('感谢您的评价！').waitFor();
    const tappedAt = Date.now();

    // Within seconds, without a reload: the alert, the badge, and the case at the top of the list.
    const page = tablet.page;
    await page.getByTestId('case-alert').waitFor({ timeout: 20_000 });
    const alertAfterMs = Date.now() - tappedAt;
    expect(alertAfterMs).toBeLessThan(20_000);
    await expect(page.getByTestId('cases-badge').textContent()).resolves.toBe('1');
    const card = page.locator('[data-case-id]').first();
    await card.waitFor();
    const caseId = (await card.getAttribute('data-case-id'))!;
    expect(await card.getAttribute('data-stage')).toBe('RECEIVED');
    await expect(card.getByTestId('case-missing').textContent()).resolves.toBe('回访、处理决定、整改、答复');
    expect(await page.content()).not.toContain(PHONE); // masked until revealed
    await page.getByRole('button', { name: '知道了' }).click();
    await page.getByTestId('case-alert').waitFor({ state: 'detached' });

    // The call-back needs the number: revealing it asks the server, which logs it.
    await card.getByRole('button', { name: '查看完整联系方式' }).click();
    await card.getByRole('link', { name: `拨打 ${PHONE}` }).waitFor();
    await caseStep(page, caseId, '记录回访', { 备注: '已致歉，说明改进措施' }, 'CALLED_BACK');
    await caseStep(page, caseId, '处理决定', {}, 'DECIDED');
    await caseStep(page, caseId, '记录整改', { 整改内容: '窗口服务规范再培训，当日复盘' }, 'RECTIFIED');
    // An empty answer is refused next to the field and nothing is recorded.
    await card.getByRole('button', { name: '记录答复', exact: true }).click();
    await card.getByRole('form', { name: '记录答复' }).getByRole('button', { name: '保存' }).click();
    await card.getByText('此项必填').waitFor();
    await card.getByLabel('答复内容').fill('已电话答复整改结果，群众表示认可');
    await card.getByRole('form', { name: '记录答复' }).getByRole('button', { name: '保存' }).click();
    await page.locator(`[data-case-id="${caseId}"][data-stage="REPLIED"]`).waitFor();
    // 办结 asks first; once closed, the case leaves the open list and a message that stays says where it went.
    await card.getByRole('button', { name: '办结', exact: true }).click();
    await card.getByRole('group', { name: /确定办结/ }).getByRole('button', { name: '确定办结' }).click();
    await page.getByText('暂无差评。').waitFor(); // closed cases leave the open list
    await expect(page.getByTestId('case-closed-note').textContent()).resolves.toMatch(/已办结 .* 收到的差评，它已移出待办列表/);

    const [stored] = await casesOnServer(DEMO_ACCOUNTS.STAFF);
    expect(stored.facts.id).toBe(caseId);
    expect(stored.state.stage).toBe('CLOSED');
    expect(stored.events.map((e) => e.action.type)).toEqual(['CALL_BACK', 'DECIDE', 'RECTIFY', 'REPLY', 'CLOSE']);
    expect(stored.events.every((e) => e.by === 'demo-s1')).toBe(true);
    expect(stored.events[1].action).toMatchObject({ type: 'DECIDE', path: 'FIX_WITHIN_5' });
    const audit = await api(server.baseUrl, 'GET', '/api/v1/audit', { cookie: await signIn(server.baseUrl, DEMO_ACCOUNTS.SUPERVISION) });
    expect(audit.body.entries.some((e: { action: string; actorId: string }) => e.action === 'contact.reveal' && e.actorId === 'demo-s1')).toBe(true);
    await page.getByLabel('显示近 30 天已办结').check();
    await page.locator(`[data-case-id="${caseId}"][data-stage="CLOSED"]`).waitFor();
    expect(await violations()).toEqual([]);
    await kiosk.context.close();
    await tablet.context.close();
  });

  it('an action taken offline waits on the tablet; when a lead acted first, the refusal is shown, not lost; sign-out waits for it', async () => {
    const rating = badRating({ staffId: 'demo-s1', contact: { phone: '13900003333' } });
    expect((await postJson(server.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [rating] })).status).toBe(200);
    const { context, page } = await openProfile(tempDir('e2e-cases-offline'));
    await signInAt(page, DEMO_ACCOUNTS.STAFF);
    const card = page.locator(`[data-rating-id="${rating.id}"]`);
    await card.waitFor();
    const caseId = (await page.locator('[data-case-id]', { has: card }).getAttribute('data-case-id'))!;
    await page.evaluate(() => navigator.serviceWorker.ready);

    await context.setOffline(true);
    await page.reload(); // the last synced copy, from the tablet's own store
    await page.getByText(/当前离线，显示/).waitFor();
    await caseStep(page, caseId, '记录回访', { 备注: '离线记录' }, 'CALLED_BACK');
    await page.locator(`[data-case-id="${caseId}"] .case-local`).filter({ hasText: '待上传' }).waitFor();

    // Meanwhile the lead records the call-back from their own tablet.
    const lead = await signIn(server.baseUrl, DEMO_ACCOUNTS.LEAD);
    const first = await pushActions(server.baseUrl, lead, [action(caseId, 'demo-s2', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' })]);
    expect(first.body.results[0].status).toBe('accepted');

    await context.setOffline(false);
    await page.getByRole('button', { name: '刷新' }).click();
    const refusal = page.locator(`[data-case-id="${caseId}"] .case-conflict`);
    await refusal.filter({ hasText: '其他人已处理了此差评' }).waitFor({ timeout: 30_000 });
    const [stored] = (await casesOnServer(DEMO_ACCOUNTS.STAFF)).filter((c) => c.facts.id === caseId);
    expect(stored.events.map((e) => e.by)).toEqual(['demo-s2']); // the lead's call-back; the tablet's was not doubled in
    await refusal.getByRole('button', { name: '知道了，移除' }).click();
    await refusal.waitFor({ state: 'detached' });

    // A step still waiting holds the sign-out back: it can only go up with this person's session.
    await context.setOffline(true);
    await caseStep(page, caseId, '处理决定', {}, 'DECIDED');
    await page.getByRole('button', { name: '退出登录' }).click();
    const warning = page.getByRole('alertdialog');
    await warning.getByText('还有 1 条记录').waitFor();
    await warning.getByRole('button', { name: '暂不退出' }).click();
    await warning.waitFor({ state: 'detached' });
    await context.setOffline(false);
    await page.getByRole('button', { name: '退出登录' }).click(); // sends the step first, then signs out
    await page.getByRole('button', { name: '登录', exact: true }).waitFor();
    const [after] = (await casesOnServer(DEMO_ACCOUNTS.STAFF)).filter((c) => c.facts.id === caseId);
    expect(after.events.map((e) => [e.action.type, e.by])).toEqual([
      ['CALL_BACK', 'demo-s2'],
      ['DECIDE', 'demo-s1'],
    ]);
    await context.close();
  });

  it('with the clock past the due dates, the lead sees the case overdue, overdue first', async () => {
    const rating = badRating({ staffId: 'demo-s1', contact: { phone: '13900004444' } });
    expect((await postJson(server.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [rating] })).status).toBe(200);
    const { context, page } = await openProfile(tempDir('e2e-cases-lead'));
    // Two weeks on: past the call-back (next working day) and the fix (5 working days), whatever the holidays.
    await page.clock.setFixedTime(new Date(Date.now() + 14 * DAY));
    await signInAt(page, DEMO_ACCOUNTS.LEAD);
    await page.getByRole('heading', { name: '待处理的差评' }).waitFor();
    const overdueCard = page.locator('[data-case-id].case-overdue', { has: page.locator(`[data-rating-id="${rating.id}"]`) });
    await overdueCard.waitFor();
    await expect(overdueCard.locator('.overdue-badge').allTextContents()).resolves.toEqual(['回访超期', '整改超期']);
    const figures = page.getByTestId('case-figures');
    // The case left open in the test before (called back by the lead) is overdue for its fix only.
    await waitUntil('two overdue cases', () => figures.getAttribute('data-overdue'), (n) => n === '2');
    const cards = await page.locator('[data-case-id]').evaluateAll((els) => els.map((e) => e.classList.contains('case-overdue')));
    expect(cards).toEqual([true, true]);
    await expect(figures.textContent()).resolves.toContain('实名差评回访率');
    await context.close();
  });

  it('escalates: supervision is told how many cases are overdue, and finds them first', async () => {
    const rating = badRating({ staffId: 'demo-s3', windowId: 'demo-w2', contact: { phone: '13900005555' } });
    expect((await postJson(server.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [rating] })).status).toBe(200);
    backdateCase(rating.id, 14);
    const { context, page } = await openProfile(tempDir('e2e-cases-supervision'));
    await signInAt(page, DEMO_ACCOUNTS.SUPERVISION);
    await page.getByRole('heading', { name: '全部评价' }).waitFor(); // supervision lands on the ratings
    const notice = page.getByTestId('cases-overdue-alert');
    await notice.getByText('1 件差评已超期').waitFor();
    await notice.getByRole('button', { name: '查看' }).click();
    const first = page.locator('[data-case-id]').first();
    await first.locator(`[data-rating-id="${rating.id}"]`).waitFor();
    await expect(first.locator('.overdue-badge').allTextContents()).resolves.toEqual(['回访超期', '整改超期']);
    await context.close();
  });

  it('a 不予采纳 waits for the approver the staff member named: the lead approves it from their own tablet', async () => {
    const rating = badRating({ staffId: 'demo-s1', contact: { phone: '13900006666' } });
    expect((await postJson(server.baseUrl + PUSH_RATINGS_PATH, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: [rating] })).status).toBe(200);
    const staff = await openProfile(tempDir('e2e-cases-approval-staff'));
    const page = staff.page;
    await signInAt(page, DEMO_ACCOUNTS.STAFF);
    const card = page.locator('[data-case-id]', { has: page.locator(`[data-rating-id="${rating.id}"]`) });
    await card.waitFor();
    const caseId = (await card.getAttribute('data-case-id'))!;
    await caseStep(page, caseId, '记录回访', {}, 'CALLED_BACK');
    await card.getByRole('button', { name: '处理决定', exact: true }).click();
    const form = card.getByRole('form', { name: '处理决定' });
    await form.getByLabel('处理方式').selectOption('NOT_ADOPTED');
    await form.getByLabel('核实依据').fill('监控录像显示评价人误点');
    await form.getByLabel('审批人').selectOption('demo-s2');
    await form.getByRole('button', { name: '保存' }).click();
    await page.locator(`[data-case-id="${caseId}"][data-stage="AWAITING_APPROVAL"]`).waitFor();
    await card.getByText('已决定，待审批').waitFor();
    expect(await card.getByRole('button', { name: '批准' }).count()).toBe(0); // the person rated cannot approve
    // One session for the polls below (signing in at every poll would meet the sign-in limiter).
    const watcher = await signIn(server.baseUrl, DEMO_ACCOUNTS.SUPERVISION);
    const onServer = async () => {
      const c = ((await api(server.baseUrl, 'GET', '/api/v1/cases', { cookie: watcher })).body as CaseListResponse).cases.find((x) => x.facts.id === caseId);
      return c ? replay(c.facts, c.events) : undefined;
    };
    await waitUntil('the decision on the server', async () => (await onServer())?.stage, (stage) => stage === 'AWAITING_APPROVAL');

    const lead = await openProfile(tempDir('e2e-cases-approval-lead'));
    await signInAt(lead.page, DEMO_ACCOUNTS.LEAD);
    const leadCard = lead.page.locator('[data-case-id]', { has: lead.page.locator(`[data-rating-id="${rating.id}"]`) });
    await leadCard.getByTestId('case-pending-approval').filter({ hasText: '监控录像显示评价人误点' }).waitFor();
    expect(await lead.page.locator('[data-case-id]').first().getAttribute('data-case-id')).toBe(caseId); // awaiting them: first
    await leadCard.getByRole('button', { name: '批准', exact: true }).click();
    await lead.page.locator(`[data-case-id="${caseId}"][data-stage="DECIDED"]`).waitFor();
    await waitUntil('the approval on the server', async () => (await onServer())?.decision?.approved?.by, (by) => by === 'demo-s2');
    await lead.context.close();
    await staff.context.close();
  });
});
