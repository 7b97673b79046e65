import { afterEach, describe, expect, it } from 'vitest';
import { assertBuilt, loadControlledKiosk, openProfile, outboxCount, serverRatings, waitUntil } from '../support/browser';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.stop();
});

describe('the server dies during a sync', () => {
  it('after committing and before answering: the kiosk retries, and nothing is lost or doubled', async () => {
    assertBuilt();
    const dataDir = tempDir('e2e-crash');
    // A first start without the hook, so the page and its service worker load normally.
    server = await spawnServer({ dataDir, built: true });
    const port = server.port;
    const { context, page } = await openProfile(tempDir('e2e-crash-profile'));
    await loadControlledKiosk(page, `${server.baseUrl}/?thanksMs=500`);
    await context.setOffline(true);
    for (const name of ['满意', '非常满意', '基本满意']) {
      await page.getByRole('button', { name, exact: true }).click();
      await page.getByText('感谢您的评价！').waitFor();
      await page.getByRole('button', { name: '非常满意' }).waitFor();
    }
    await server.stop();
    server = await spawnServer({ dataDir, built: true, port, env: { HCP_TEST_HOOK: 'crash-after-commit' } });
    const crashed = server.exited;
    await context.setOffline(false);
    expect(await crashed).toBeNull(); // killed by SIGKILL right after the commit
    expect(serverRatings(dataDir)).toHaveLength(3);
    expect(await outboxCount(page)).toBe(3); // the kiosk never heard the answer

    server = await spawnServer({ dataDir, built: true, port });
    await waitUntil('the outbox to drain after the restart', () => outboxCount(page), (n) => n === 0, 60_000);
    expect(serverRatings(dataDir)).toHaveLength(3);
    await context.close();
  });
});
