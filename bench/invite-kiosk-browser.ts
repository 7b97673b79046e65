import { enrolKiosk, invitingHall } from '../test/support/invitation-fixtures';
import { openProfile } from '../test/support/browser';
import { openDemoStore, spawnServer, tempDir } from '../test/support/server';
import { percentile, type Quantiles } from './kiosk-tap';

export interface InviteScreenFigures extends Quantiles {
  invitations: number;
  maxMs: number;
}

const WARM_UP = 2;

/**
 * 一次一评 end to end on the built app: a window person invites over HTTP (their session), and an enrolled kiosk in
 * Chromium, waiting in its long poll, shows the service item. Each figure runs from just before the invite request
 * leaves to the first animation frame after the invitation is in the kiosk's DOM (same machine, same clock). Each
 * invitation is then answered with one tap, as at a window, before the next one.
 */
export async function measureInviteToKioskScreen(invitations = 30): Promise<InviteScreenFigures> {
  const dataDir = tempDir('bench-invite');
  await (await openDemoStore(dataDir)).close();
  const server = await spawnServer({ dataDir, built: true, env: { DEMO: '0' } });
  const { context, page } = await openProfile(tempDir('bench-invite-profile'));
  try {
    const hall = await invitingHall(server.baseUrl);
    const caseNos = Array.from({ length: invitations + WARM_UP }, (_, i) => `BENCH-${String(i + 1).padStart(4, '0')}`);
    const ids = await hall.pushCases(caseNos);
    await enrolKiosk(page, server.baseUrl, await hall.enrolmentCode(), 'thanksMs=30');
    // Records when each invitation first reaches the screen: the frame after it enters the DOM.
    await page.evaluate(() => {
      const shown: Record<string, number> = {};
      (window as unknown as { __invitationShown: Record<string, number> }).__invitationShown = shown;
      new MutationObserver(() => {
        const id = document.querySelector('[data-testid="invitation"]')?.getAttribute('data-invitation-id');
        if (id && !(id in shown)) {
          shown[id] = 0;
          requestAnimationFrame(() => (shown[id] = Date.now()));
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-invitation-id'] });
    });
    const figures: number[] = [];
    for (const [i, caseNo] of caseNos.entries()) {
      const sentAt = Date.now();
      const invitation = await hall.invite(ids[caseNo]);
      await page.waitForFunction((id) => ((window as unknown as { __invitationShown: Record<string, number> }).__invitationShown[id] ?? 0) > 0, invitation.id, { timeout: 30_000 });
      const shownAt = await page.evaluate((id) => (window as unknown as { __invitationShown: Record<string, number> }).__invitationShown[id], invitation.id);
      if (i >= WARM_UP) figures.push(shownAt - sentAt);
      await page.getByRole('button', { name: '满意', exact: true }).click();
      // Answered: the rating's commit clears it; then the short thank-you ends and the kiosk is idle again.
      await page.getByTestId('invitation').waitFor({ state: 'detached' });
      await page.locator('[data-screen="idle"]').waitFor();
    }
    const sorted = [...figures].sort((a, b) => a - b);
    return { invitations: figures.length, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), maxMs: sorted[sorted.length - 1] };
  } finally {
    await context.close();
    await server.stop();
  }
}

// `npx tsx bench/invite-kiosk-browser.ts` runs it alone (after `npm run build`).
if (import.meta.url === `file://${process.argv[1]}`) {
  const f = await measureInviteToKioskScreen();
  console.log(`invite -> kiosk showing the item: p50 ${f.p50Ms} ms, p95 ${f.p95Ms} ms, max ${f.maxMs} ms over ${f.invitations} invitations`);
}
