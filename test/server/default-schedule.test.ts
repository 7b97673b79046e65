import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_JOB_INTERVAL_MS, startDefaultJob, type DefaultJobSchedule } from '../../sync-server/defaults/default-schedule';
import type { Store } from '../../sync-server/store/store';
import { cst, defaultsDb, finishedCase } from '../support/default-ratings';
import { spawnServer } from '../support/server';

// The server's timer for the default 满意 (issue 14): a run at start-up, then every interval; a failing run is
// logged and the next one tries again; stop() waits for the run in progress so the store can close after it.

describe('the default job schedule', () => {
  const started: DefaultJobSchedule[] = [];
  const stores: Store[] = [];
  afterEach(async () => {
    for (const s of started.splice(0)) await s.stop();
    for (const s of stores.splice(0)) await s.close();
  });

  it('runs at start-up, logs a failing run without throwing, and runs again on the next tick', async () => {
    const db = defaultsDb('sqlite');
    const store = await db.open();
    stores.push(store);
    await store.upsertServiceCases([finishedCase('T-1', cst('2026-02-13 10:00'))], Date.now());
    let failures = 1;
    // The store as the server has it, except that its first read of the calendar fails (a database hiccup).
    const flaky: Store = Object.create(store, {
      listCalendarYears: {
        value: async () => {
          if (failures-- > 0) throw new Error('database went away');
          return store.listCalendarYears();
        },
      },
    });
    const logged: string[] = [];
    const log = { info: (m: string) => logged.push(`info ${m}`), error: (m: string) => logged.push(`error ${m}`) };
    const schedule = startDefaultJob(flaky, log, 50);
    started.push(schedule);
    expect(await schedule.current).toBeNull(); // the start-up run failed, and said so
    expect(logged[0]).toMatch(/^error default 满意 job failed .*database went away/);
    await expect.poll(() => logged.some((l) => l.startsWith('info default 满意: 1 made')), { timeout: 10_000 }).toBe(true);
    await schedule.stop();
    expect((await db.defaults()).map((d) => d.case_number)).toEqual(['T-1']);
  });

  it('keeps no process alive and stops with the server', async () => {
    const db = defaultsDb('sqlite');
    const store = await db.open();
    stores.push(store);
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const schedule = startDefaultJob(store, { info: () => {}, error: () => {} });
    started.push(schedule);
    expect((await schedule.current)?.counts.made).toBe(0);
    // An unref'd interval is not an active resource: the server's process exits when everything else is closed.
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBe(before);
    await schedule.stop();
    expect(DEFAULT_JOB_INTERVAL_MS).toBe(600_000);
  });

  it('the server process runs it at start-up (main.ts) and exits cleanly on SIGTERM', async () => {
    const db = defaultsDb('sqlite');
    const store = await db.open();
    await store.upsertServiceCases([finishedCase('M-1', cst('2026-02-13 10:00'))], Date.now());
    await store.close();
    const server = await spawnServer({ dataDir: db.dataDir });
    try {
      await expect.poll(async () => (await db.defaults()).map((d) => d.case_number), { timeout: 15_000 }).toEqual(['M-1']);
    } finally {
      await server.stop();
    }
    expect(await server.exited).toBe(0);
  });
});
