import { afterEach, describe, expect, it } from 'vitest';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { openStore } from '../../sync-server/store/open-store';
import { badRating, DEMO_DEVICE, demoRating } from '../support/ratings';
import { postJson, spawnServer, tempDir, type ServerProcess } from '../support/server';

let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('a server killed between its commit and its answer', () => {
  it('loses nothing and doubles nothing when the client retries after the restart', async () => {
    const dataDir = tempDir('crash');
    const batch = [demoRating(), badRating(), demoRating({ level: 'VERY_SATISFIED' })];
    const body = { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: batch };

    server = await spawnServer({ dataDir, env: { HCP_TEST_HOOK: 'crash-after-commit' } });
    const port = server.port;
    // The client sees the connection drop: it cannot know whether the batch was stored.
    await expect(postJson(server.baseUrl + PUSH_RATINGS_PATH, body)).rejects.toThrow();
    expect(await server.exited).toBeNull(); // killed by SIGKILL, not a clean exit

    server = await spawnServer({ dataDir, port });
    const retry = await postJson(server.baseUrl + PUSH_RATINGS_PATH, body);
    expect(retry.status).toBe(200);
    expect(retry.body.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    await server.stop();

    const { store } = await openStore(dataDir, {});
    try {
      expect((await store.listRatings(0, 10)).map((r) => r.id).sort()).toEqual(batch.map((r) => r.id).sort());
    } finally {
      await store.close();
    }
  });
});
