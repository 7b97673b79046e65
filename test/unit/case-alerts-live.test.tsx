// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../src/domain/account-api';
import { KioskDatabase } from '../../src/data/db';

vi.mock('../../src/account/api-client', () => ({ apiRequest: vi.fn() }));
const { apiRequest } = await import('../../src/account/api-client');
const { CASE_POLL_MS, CASE_POLL_STREAMING_MS, useCaseAlerts } = await import('../../src/cases/useCaseAlerts');

/** The browser's EventSource as the hook sees it: the test opens, fails and messages it. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static made: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.made.push(this);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.(new Event('open'));
  }
  message(data: unknown) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(data) }));
  }
  /** A dropped connection the browser retries itself (CONNECTING), or one it gave up (CLOSED: 401, 5xx, no stream). */
  fail(givenUp: boolean) {
    this.readyState = givenUp ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
    this.onerror?.(new Event('error'));
  }
}

const me = { id: 'demo-s1', roles: ['STAFF'], unitId: 'demo-unit', windowId: 'demo-w1' } as unknown as Me;
let summary = { open: 0, overdue: 0, latestReceivedAt: null as number | null };
const polls = () => vi.mocked(apiRequest).mock.calls.length;
/** Lets the answered summary requests and the state they set run (the timers stay the test's). */
const settle = () => act(async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
});
const advance = async (ms: number) => {
  await act(async () => {
    vi.advanceTimersByTime(ms);
  });
  await settle();
};

let db: KioskDatabase;
beforeEach(() => {
  FakeEventSource.made = [];
  summary = { open: 0, overdue: 0, latestReceivedAt: null };
  vi.mocked(apiRequest).mockReset();
  vi.mocked(apiRequest).mockImplementation(async () => ({ ...summary }));
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  db = new KioskDatabase(`alerts-${Math.random()}`);
});
afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  await db.delete();
});

describe('useCaseAlerts with the live case stream', () => {
  it('reads the summary at each notice, polls every 60 s while the stream is open and every 8 s once it drops', async () => {
    const { result, unmount } = renderHook(() => useCaseAlerts(db, me, true));
    await settle();
    expect(polls()).toBe(1);
    expect(FakeEventSource.made.map((s) => s.url)).toEqual(['/api/v1/cases/live']);
    const stream = FakeEventSource.made[0];

    await advance(CASE_POLL_MS); // not open yet: the 8 s poll
    expect(polls()).toBe(2);

    stream.open(); // what arrived before the stream opened is read now
    await settle();
    expect(polls()).toBe(3);
    await advance(CASE_POLL_STREAMING_MS - 1);
    expect(polls()).toBe(3);
    await advance(1);
    expect(polls()).toBe(4);

    // A bad review: the notice reads the summary at once; the badge count and the alert follow it.
    summary = { open: 1, overdue: 0, latestReceivedAt: Date.now() };
    stream.message({ type: 'case-opened', case: { caseId: 'x', windowId: 'demo-w1', staffId: 'demo-s1', unitId: 'demo-unit' } });
    await settle();
    expect(polls()).toBe(5);
    expect(result.current.open).toBe(1);
    expect(result.current.arrivals).toBe(1);

    // The stream drops: the 8 s poll is back while the browser reconnects.
    stream.fail(false);
    await advance(CASE_POLL_MS);
    expect(polls()).toBe(6);

    unmount();
    expect(stream.readyState).toBe(FakeEventSource.CLOSED);
    await advance(CASE_POLL_STREAMING_MS);
    expect(polls()).toBe(6);
  });

  it('answers a burst of notices with at most one more request, and opens a stream the browser gave up again later', async () => {
    let answer: (() => void) | undefined;
    renderHook(() => useCaseAlerts(db, me, true));
    await settle();
    const stream = FakeEventSource.made[0];
    stream.open();
    await settle();
    const before = polls();
    vi.mocked(apiRequest).mockImplementation(() => new Promise((resolve) => (answer = () => resolve({ ...summary }))));
    for (let i = 0; i < 5; i++) stream.message({ type: 'resync' });
    await settle();
    expect(polls()).toBe(before + 1); // one out, the rest wait as one
    answer!();
    await settle();
    expect(polls()).toBe(before + 2);

    stream.fail(true); // refused (a 401, a proxy's page): the browser will not retry it
    await advance(CASE_POLL_MS);
    expect(FakeEventSource.made).toHaveLength(1);
    await advance(15_000);
    expect(FakeEventSource.made).toHaveLength(2);
  });

  it('opens no stream while off, nor for a person whose roles read no cases', async () => {
    renderHook(() => useCaseAlerts(db, me, false));
    await settle();
    expect(FakeEventSource.made).toHaveLength(0);
    expect(polls()).toBe(0);
  });
});
