import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/data/backoff';

const policy = { baseMs: 1000, capMs: 60_000 };

describe('backoffDelay', () => {
  it('waits nothing before the first failure', () => {
    expect(backoffDelay(0, policy, () => 0.5)).toBe(0);
  });
  it('doubles per failure within [half, full] of the exponential step', () => {
    for (const [failures, full] of [[1, 1000], [2, 2000], [3, 4000], [6, 32_000]] as const) {
      expect(backoffDelay(failures, policy, () => 0)).toBe(full / 2);
      expect(backoffDelay(failures, policy, () => 1)).toBe(full);
    }
  });
  it('never exceeds the cap however many failures', () => {
    expect(backoffDelay(7, policy, () => 1)).toBe(60_000);
    expect(backoffDelay(500, policy, () => 1)).toBe(60_000);
    expect(backoffDelay(500, policy, () => 0)).toBe(30_000);
  });
  it('spreads kiosks that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4, policy)));
    expect(delays.size).toBeGreaterThan(40);
  });
});
