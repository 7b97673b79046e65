import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactCipher } from '../../sync-server/crypto/contact-cipher';
import { openPostgresStore } from '../../sync-server/store/postgres/open-postgres';
import { assertBuilt, loadControlledKiosk, openProfile, outboxCount, waitUntil } from '../support/browser';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { spawnServer, tempDir, type ServerProcess } from '../support/server';

/** Issue 13: the kiosk flow end to end on the PostgreSQL store (the other browser tests keep SQLite). */
const KEY = randomBytes(32);
const schema = newTestSchema('hcp_e2e');
let server: ServerProcess;

beforeAll(async () => {
  assertBuilt();
  server = await spawnServer({
    dataDir: tempDir('e2e-pg'),
    built: true,
    env: { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: schema, HCP_CONTACT_KEY: KEY.toString('base64') },
  });
});
afterAll(async () => {
  await server?.stop();
  await dropTestSchemas();
});

describe('the kiosk on the PostgreSQL store', () => {
  it('rates offline, syncs when the network returns, each rating once, contact encrypted and the bad review a case', async () => {
    const { context, page } = await openProfile(tempDir('e2e-pg-profile'));
    await loadControlledKiosk(page, `${server.baseUrl}/?thanksMs=500`);
    await page.getByText('李明（演示）').waitFor();
    await context.setOffline(true);
    for (const name of ['非常满意', '满意']) {
      await page.getByRole('button', { name, exact: true }).click();
      await page.getByText('感谢您的评价！').waitFor();
      await page.getByRole('button', { name: '非常满意' }).waitFor();
    }
    await page.getByRole('button', { name: '非常不满意', exact: true }).click();
    await page.getByLabel('办事效率低、推诿扯皮').check();
    await page.getByLabel('电话').fill('13900002222');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('感谢您的评价！').waitFor();
    expect(await outboxCount(page)).toBe(3);
    await context.setOffline(false);
    await waitUntil('the outbox empty', () => outboxCount(page), (n) => n === 0, 60_000);
    await context.close();

    const store = await openPostgresStore({ connectionString: PG_TEST_URL, schema, max: 2 }, new ContactCipher(KEY));
    try {
      const stored = await store.listRatings(0, 100);
      expect(stored.map((r) => r.level).sort()).toEqual(['SATISFIED', 'VERY_DISSATISFIED', 'VERY_SATISFIED']);
      const bad = stored.find((r) => r.level === 'VERY_DISSATISFIED')!;
      expect(bad.contact).toEqual({ phone: '139****2222' });
      expect(await store.revealContact(bad.id)).toEqual({ phone: '13900002222' });
      expect((await store.getCase(bad.id))?.facts).toMatchObject({ anonymous: false });
    } finally {
      await store.close();
    }
  });
});
