import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, loadControlledKiosk, openProfile } from '../support/browser';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

let server: ServerProcess;
beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({ dataDir: tempDir('e2e-pwa'), built: true });
});
afterAll(async () => {
  await server?.stop();
});

describe('the installed app', () => {
  it('has no installability errors in Chromium', async () => {
    const { context, page } = await openProfile(tempDir('e2e-pwa-profile'));
    await loadControlledKiosk(page, server.baseUrl + '/');
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await (await fetch(server.baseUrl + '/manifest.webmanifest')).json();
    expect(manifest).toMatchObject({ short_name: '好差评', display: 'fullscreen', start_url: '/' });
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    await context.close();
  });

  it('starts cold with no network and shows the level names in Tibetan and English', async () => {
    const profile = tempDir('e2e-lang-profile');
    let { context, page } = await openProfile(profile);
    await loadControlledKiosk(page, server.baseUrl + '/');
    await context.close();
    ({ context, page } = await openProfile(profile));
    await context.setOffline(true);
    await page.goto(server.baseUrl + '/');
    await page.getByRole('button', { name: 'བོད་ཡིག' }).click();
    for (const name of ['ཧ་ཅང་ཡིད་ཚིམ།', 'ཡིད་ཚིམ།', 'གཞི་ནས་ཡིད་ཚིམ།', 'ཡིད་མི་ཚིམ།', 'ཧ་ཅང་ཡིད་མི་ཚིམ།']) {
      await page.getByRole('button', { name, exact: true }).waitFor();
    }
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('bo');
    await page.getByRole('button', { name: 'English' }).click();
    for (const name of ['Very satisfied', 'Satisfied', 'Basically satisfied', 'Dissatisfied', 'Very dissatisfied']) {
      await page.getByRole('button', { name, exact: true }).waitFor();
    }
    await context.close();
  });
});
