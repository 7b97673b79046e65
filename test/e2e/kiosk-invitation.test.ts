import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PIN } from '../../sync-server/store/demo-hall';
import { DEFAULT_INVITATION_LAPSE_MS, maskCaseNo } from '../../src/domain/rating-invitation';
import { assertBuilt, openProfile, outboxCount, waitUntil, watchCsp } from '../support/browser';
import { enrolKiosk, invitingHall, serverRows } from '../support/invitation-fixtures';
import { openDemoStore, spawnServer, tempDir, type ServerProcess } from '../support/server';

const ITEM = '企业投资项目备案（演示）';
const CASES = ['BJ20261130-0001', 'BJ20261130-0002', 'BJ20261130-0003', 'BJ20261130-0004'] as const;

let server: ServerProcess;
let dataDir: string;
let hall: Awaited<ReturnType<typeof invitingHall>>;
let caseIds: Record<string, string>;
let context: BrowserContext;
let page: Page;
let violations: () => Promise<string[]>;

beforeAll(async () => {
  assertBuilt();
  dataDir = tempDir('e2e-invite');
  // The demo hall's catalogue and accounts in production mode: the kiosk is enrolled and asks with its credential.
  await (await openDemoStore(dataDir)).close();
  server = await spawnServer({ dataDir, built: true, env: { DEMO: '0' } });
  hall = await invitingHall(server.baseUrl);
  caseIds = await hall.pushCases([...CASES]);
  ({ context, page } = await openProfile(tempDir('e2e-invite-kiosk')));
  violations = await watchCsp(page);
  // The kiosk's clock is Playwright's: it runs normally, and the lapse test moves it on instead of waiting minutes.
  await context.clock.install();
  await enrolKiosk(page, server.baseUrl, await hall.enrolmentCode(), 'thanksMs=500');
});
afterAll(async () => {
  await context?.close();
  await server?.stop();
});

const banner = () => page.getByTestId('invitation');

/** The kiosk shows the invitation: the prompt, the service item, the masked 办件编号 and never the whole one. */
async function expectShown(invitationId: string, caseNo: string) {
  await page.locator(`[data-testid="invitation"][data-invitation-id="${invitationId}"]`).waitFor();
  const text = (await banner().textContent()) ?? '';
  expect(text).toContain('请对本次办件进行评价');
  expect(text).toContain(ITEM);
  expect(text).toContain(maskCaseNo(caseNo));
  expect(text).not.toContain(caseNo);
  // Said once through the kiosk's one live region, for a citizen using a screen reader.
  await page.getByTestId('kiosk-announcer').filter({ hasText: `请对本次办件进行评价 ${ITEM}` }).waitFor();
}

async function tap(name: string, how: 'click' | 'dblclick' = 'click') {
  await page.getByRole('button', { name, exact: true })[how]();
  await page.getByText('感谢您的评价！').waitFor();
  await page.getByRole('button', { name: '非常满意' }).waitFor();
}

describe('the invitation at the window (一次一评)', () => {
  it('staff invite → the kiosk shows the item and the masked 办件编号 → one tap → the server links the rating', async () => {
    const invitation = await hall.invite(caseIds[CASES[0]]);
    await expectShown(invitation.id, CASES[0]);
    // Kept on the device: a reload shows the same invitation again.
    await page.reload();
    await expectShown(invitation.id, CASES[0]);
    await tap('满意');
    await banner().waitFor({ state: 'detached' }); // answered: the kiosk is uninvited again
    const { ratings, invitations } = await waitUntil('the linked rating on the server', () => serverRows(dataDir), (r) => r.ratings.length === 1);
    expect(ratings[0]).toMatchObject({ level: 'SATISFIED', case_number: CASES[0], session_id: invitation.id });
    expect(ratings[0].invited_at).toBeGreaterThan(0);
    expect(invitations.find((i) => i.id === invitation.id)).toMatchObject({ source: 'TABLET', answered_rating_id: ratings[0].id });
  });

  it('a double tap still makes one rating, linked once', async () => {
    const invitation = await hall.invite(caseIds[CASES[1]]);
    await expectShown(invitation.id, CASES[1]);
    await tap('非常满意', 'dblclick');
    await waitUntil('an empty outbox', () => outboxCount(page), (n) => n === 0);
    const { ratings, invitations } = serverRows(dataDir);
    expect(ratings).toHaveLength(2);
    expect(ratings.filter((r) => r.session_id === invitation.id)).toHaveLength(1);
    expect(ratings[1]).toMatchObject({ level: 'VERY_SATISFIED', case_number: CASES[1] });
    expect(invitations.find((i) => i.id === invitation.id)?.answered_rating_id).toBe(ratings[1].id);
  });

  it('lapses on the kiosk’s clock: the kiosk is uninvited again, and the 办件 stays unrated', async () => {
    const invitation = await hall.invite(caseIds[CASES[2]]);
    await expectShown(invitation.id, CASES[2]);
    await context.clock.fastForward(DEFAULT_INVITATION_LAPSE_MS + 1_000);
    await banner().waitFor({ state: 'detached' });
    // A rating now is an uninvited one: valid, counted apart, no 办件编号.
    await tap('基本满意');
    await waitUntil('an empty outbox', () => outboxCount(page), (n) => n === 0);
    const { ratings, invitations } = serverRows(dataDir);
    expect(ratings).toHaveLength(3);
    expect(ratings[2]).toMatchObject({ level: 'BASICALLY_SATISFIED', case_number: null, session_id: null, invited_at: null });
    expect(invitations.find((i) => i.id === invitation.id)?.answered_rating_id).toBeNull();
    // A reload does not bring it back.
    await page.reload();
    await page.getByRole('button', { name: '非常满意' }).waitFor();
    expect(await banner().count()).toBe(0);
  });

  it('offline: the person on duty invites from the staff panel with their PIN, and the rating arrives linked', async () => {
    // 李明 signs on (PIN checked on the tablet against its roster).
    await page.getByRole('button', { name: '工作人员签到' }).click();
    await page.getByRole('button', { name: /签到：李明/ }).click();
    for (const digit of DEMO_PIN) await page.getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('button', { name: '确定' }).click();
    await page.locator('.staff-name', { hasText: '李明（演示）' }).waitFor();

    await context.setOffline(true);
    await page.locator('[data-testid="status-line"][data-online="false"]').waitFor();
    await page.getByRole('button', { name: '邀请评价' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: '李明（演示），请输入 PIN 以邀请评价' }).waitFor();
    for (const digit of DEMO_PIN) await dialog.getByRole('button', { name: digit, exact: true }).click();
    await dialog.getByRole('button', { name: '确定' }).click();
    // The kiosk's copy of window 1's 办件 of today, kept from when it was online.
    const pick = dialog.getByRole('button', { name: `邀请评价：${ITEM}，办件编号 ${maskCaseNo(CASES[3])}` });
    await pick.waitFor();
    expect(await dialog.getByRole('button', { name: /邀请评价：/ }).count()).toBe(CASES.length);
    // Touch targets: every button of the panel, and the kiosk's 邀请评价, at least 44×44 CSS px.
    for (const button of [...(await dialog.getByRole('button').all()), page.getByRole('button', { name: '邀请评价', exact: true })]) {
      const box = (await button.boundingBox())!;
      expect(Math.min(box.width, box.height), (await button.textContent()) ?? '').toBeGreaterThanOrEqual(44);
    }
    await pick.click();
    await dialog.waitFor({ state: 'detached' });
    await banner().waitFor();
    expect(await banner().textContent()).toContain(maskCaseNo(CASES[3]));
    const localId = await banner().getAttribute('data-invitation-id');
    await tap('满意');
    expect(await outboxCount(page)).toBe(1);
    expect(serverRows(dataDir).ratings).toHaveLength(3);

    await context.setOffline(false);
    const { ratings } = await waitUntil('the offline rating on the server', () => serverRows(dataDir), (r) => r.ratings.length === 4);
    expect(ratings[3]).toMatchObject({ level: 'SATISFIED', case_number: CASES[3], session_id: localId });
    const made = serverRows(dataDir).invitations.find((i) => i.id === localId);
    expect(made).toMatchObject({ source: 'KIOSK', service_case_id: caseIds[CASES[3]], answered_rating_id: ratings[3].id });
    expect(await violations()).toEqual([]);
  });
});
