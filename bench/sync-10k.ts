import { performance } from 'node:perf_hooks';
import { buildRatingRecord } from '../src/data/submit-rating';
import { KIOSK_CONFIG_PATH } from '../src/domain/sync-constants';
import type { KioskConfig } from '../src/domain/sync-api';
import { dumpIndexedDb, openProfile, outboxCount, serverRatings, waitUntil } from '../test/support/browser';
import { spawnServer, tempDir } from '../test/support/server';
import { startByteCountingProxy } from './byte-counting-proxy';

export interface SyncFigures {
  ratings: number;
  seconds: number;
  bytesPerRating: number;
  upBytesPerRating: number;
  downBytesPerRating: number;
}

/**
 * 10,000 ratings queued in a real kiosk profile while offline, then the network returns: the time until the
 * last is acknowledged, and the bytes that crossed the wire per rating (both directions, headers included).
 */
export async function measureSync(count = 10_000): Promise<SyncFigures> {
  const dataDir = tempDir('bench-sync');
  const server = await spawnServer({ dataDir, built: true });
  const proxy = await startByteCountingProxy(server.port);
  const base = `http://127.0.0.1:${proxy.port}`;
  const { context, page } = await openProfile(tempDir('bench-sync-profile'));
  try {
    await page.goto(base + '/');
    await page.getByRole('button', { name: '非常满意' }).waitFor();
    const deviceId = await waitUntil(
      'the device id',
      async () => ((await dumpIndexedDb(page)).meta as { key: string; value: unknown }[]).find((m) => m.key === 'deviceId')?.value as string | undefined,
      (v) => !!v,
    );
    const config = (await (await fetch(`http://127.0.0.1:${server.port}${KIOSK_CONFIG_PATH}`)).json()) as KioskConfig;
    await context.setOffline(true);

    const now = Date.now();
    const rows = Array.from({ length: count }, (_, i) => {
      const draft =
        i % 10 === 0
          ? { level: 'DISSATISFIED' as const, reasons: ['EFFICIENCY'], comment: '排队时间太长', contact: { phone: '13800001111' } }
          : { level: (['VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED'] as const)[i % 3] };
      const record = buildRatingRecord(draft, { config, deviceId: deviceId!, locale: 'zh-CN', staffId: config.staffOnDuty?.id }, now - (count - i) * 1000);
      return { record, createdAt: record.deviceTime };
    });
    // The same rows submitRating writes, put straight into IndexedDB: tapping 10,000 times would take an hour.
    await page.evaluate(
      (items) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('haochaping-window');
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(['ratings', 'outbox'], 'readwrite');
            for (const { record, createdAt } of items) {
              tx.objectStore('ratings').add({ id: record.id, record, createdAt, syncState: 'pending' });
              tx.objectStore('outbox').add({ id: record.id, stream: 'kiosk', state: 'pending', attempts: 0, enqueuedAt: createdAt, updatedAt: createdAt });
            }
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
      rows,
    );
    if ((await outboxCount(page)) !== count) throw new Error('queue not filled');

    proxy.reset();
    const t0 = performance.now();
    await context.setOffline(false);
    await waitUntil('the outbox to drain', () => page.evaluate(() => new Promise<number>((resolve) => {
      const open = indexedDB.open('haochaping-window');
      open.onsuccess = () => {
        const req = open.result.transaction('outbox').objectStore('outbox').count();
        req.onsuccess = () => { open.result.close(); resolve(req.result); };
      };
    })), (n) => n === 0, 120_000, 25);
    const seconds = (performance.now() - t0) / 1000;
    const { up, down } = proxy.bytes();
    const stored = serverRatings(dataDir).length;
    if (stored !== count) throw new Error(`server holds ${stored} ratings, expected ${count}`);
    return { ratings: count, seconds, bytesPerRating: (up + down) / count, upBytesPerRating: up / count, downBytesPerRating: down / count };
  } finally {
    await context.close();
    await proxy.close();
    await server.stop();
  }
}
