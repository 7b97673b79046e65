import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { cstClock, cstMinute, enrolmentUrl, isStale, qrMatrix, QR_QUIET_ZONE, seenAgo, sortDevices, STALE_AFTER_MS } from '../../src/admin/devices/device-view';
import type { DeviceListItem } from '../../src/domain/device-api';

const MIN = 60_000;

function device(id: string, over: Partial<DeviceListItem> = {}): DeviceListItem {
  return {
    id,
    windowId: 'w1',
    enrolledAt: 0,
    revokedAt: null,
    lastSeenAt: 0,
    appVersion: '0.3.0',
    queueDepth: 0,
    conflicts: 0,
    deadLetters: 0,
    storagePersisted: true,
    userAgent: null,
    ...over,
  };
}

describe('"seen N minutes ago"', () => {
  const now = 1_764_236_400_000;
  it('says "just now" under a minute, and for a device clock slightly ahead', () => {
    expect(seenAgo(now, now)).toEqual({ unit: 'justNow' });
    expect(seenAgo(now - 59_999, now)).toEqual({ unit: 'justNow' });
    expect(seenAgo(now + 5_000, now)).toEqual({ unit: 'justNow' });
  });
  it('counts whole minutes, then hours, then days', () => {
    expect(seenAgo(now - MIN, now)).toEqual({ unit: 'minutes', count: 1 });
    expect(seenAgo(now - 3 * MIN - 59_000, now)).toEqual({ unit: 'minutes', count: 3 });
    expect(seenAgo(now - 59 * MIN, now)).toEqual({ unit: 'minutes', count: 59 });
    expect(seenAgo(now - 60 * MIN, now)).toEqual({ unit: 'hours', count: 1 });
    expect(seenAgo(now - (23 * 60 + 59) * MIN, now)).toEqual({ unit: 'hours', count: 23 });
    expect(seenAgo(now - 24 * 60 * MIN, now)).toEqual({ unit: 'days', count: 1 });
    expect(seenAgo(now - 10 * 24 * 60 * MIN, now)).toEqual({ unit: 'days', count: 10 });
  });
});

describe('stale devices', () => {
  const now = 1_000 * MIN;
  it('flags an active device silent for over ten minutes, or never heard from', () => {
    expect(isStale(device('a', { lastSeenAt: now - STALE_AFTER_MS }), now)).toBe(false);
    expect(isStale(device('a', { lastSeenAt: now - STALE_AFTER_MS - 1 }), now)).toBe(true);
    expect(isStale(device('a', { lastSeenAt: null }), now)).toBe(true);
  });
  it('never flags a revoked device: it is silent on purpose', () => {
    expect(isStale(device('a', { lastSeenAt: 0, revokedAt: 1 }), now)).toBe(false);
  });
});

describe('device order', () => {
  it('puts active devices first, then follows the hall’s window order, then the id', () => {
    const list = [
      device('dev-c', { windowId: 'w2' }),
      device('dev-r', { windowId: 'w1', revokedAt: 5 }),
      device('dev-b', { windowId: 'w1' }),
      device('dev-x', { windowId: 'gone' }),
      device('dev-a', { windowId: 'w1' }),
    ];
    expect(sortDevices(list, ['w1', 'w2']).map((d) => d.id)).toEqual(['dev-a', 'dev-b', 'dev-c', 'dev-x', 'dev-r']);
    expect(list[0].id).toBe('dev-c'); // the input is left alone
  });
});

describe('times and the enrolment address', () => {
  it('shows China Standard Time whatever the zone', () => {
    const ms = Date.UTC(2025, 10, 27, 9, 40, 5);
    expect(cstMinute(ms)).toBe('2025-11-27 17:40');
    expect(cstClock(ms)).toBe('17:40:05');
  });
  it('is the app’s address with the code in ?enrol=', () => {
    expect(enrolmentUrl('https://hall.example.cn', 'K7Q9M3XT')).toBe('https://hall.example.cn/?enrol=K7Q9M3XT');
  });
});

describe('QR code matrix', () => {
  const text = 'https://hall.example.cn/?enrol=K7Q9M3XT';
  const { size: bare, data } = encode(text, { ecc: 'M', border: 0 });
  const { size, runs } = qrMatrix(text);

  /** The runs painted back onto a grid. */
  function paint(): boolean[][] {
    const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
    for (const r of runs) for (let x = r.x; x < r.x + r.width; x++) grid[r.y][x] = true;
    return grid;
  }

  it('adds a quiet zone of four light modules on every side', () => {
    expect(QR_QUIET_ZONE).toBe(4);
    expect(size).toBe(bare + 8);
    const grid = paint();
    for (let i = 0; i < size; i++) {
      for (const edge of [0, 1, 2, 3, size - 4, size - 3, size - 2, size - 1]) {
        expect(grid[edge][i]).toBe(false);
        expect(grid[i][edge]).toBe(false);
      }
    }
  });

  it('paints exactly the dark modules of the code, as maximal horizontal runs', () => {
    const grid = paint();
    for (let y = 0; y < bare; y++) for (let x = 0; x < bare; x++) expect(grid[y + 4][x + 4]).toBe(data[y][x]);
    // Maximal: no two runs touch on the same row.
    const ends = new Set(runs.map((r) => `${r.y}:${r.x + r.width}`));
    for (const r of runs) expect(ends.has(`${r.y}:${r.x}`)).toBe(false);
  });

  it('starts with the top-left finder pattern: a run of seven dark modules', () => {
    expect(runs[0]).toEqual({ x: 4, y: 4, width: 7 });
  });
});
