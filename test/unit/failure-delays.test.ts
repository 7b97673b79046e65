import { describe, expect, it } from 'vitest';
import { ACCOUNT_AT_ADDRESS, FailureDelays } from '../../sync-server/auth/failure-delays';

describe('failure delays', () => {
  it('are free for the first failures, then double from 2 s up to 15 min, and are forgotten after an hour of quiet', () => {
    let now = 0;
    const delays = new FailureDelays(() => now);
    const waits: number[] = [];
    for (let i = 0; i < 16; i++) {
      delays.recordFailure('k');
      waits.push(delays.waitFor('k', ACCOUNT_AT_ADDRESS));
    }
    expect(waits.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(waits.slice(4, 9)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000]);
    expect(waits.at(-1)).toBe(15 * 60_000);
    now += 60 * 60_000;
    expect(delays.waitFor('k', ACCOUNT_AT_ADDRESS)).toBe(0);
    delays.recordFailure('k');
    expect(delays.waitFor('k', ACCOUNT_AT_ADDRESS)).toBe(0); // counting starts again
  });

  it('gives back a failure counted in advance, with its time', () => {
    let now = 0;
    const delays = new FailureDelays(() => now);
    for (let i = 0; i < 5; i++) delays.recordFailure('k');
    now = 10_000;
    delays.recordFailure('k');
    delays.forgive('k');
    expect(delays.waitFor('k', ACCOUNT_AT_ADDRESS)).toBe(0); // 2 s after the fifth failure, at 0, has passed
  });
});
