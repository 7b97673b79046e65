// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../../src/account/api-client';
import { useResource, type ResourceCache, type ResourceOptions } from '../../src/account/useResource';

/** A load whose answers the test hands out one by one, in whatever order it likes. */
function controlledLoad<T>() {
  const calls: { resolve(value: T): void; reject(err: unknown): void }[] = [];
  const load = vi.fn(
    () =>
      new Promise<T>((resolve, reject) => {
        calls.push({ resolve, reject });
      }),
  );
  return { load, calls };
}

function memoryCache<T>(saved?: { value: T; at: number }): ResourceCache<T> & { saved?: { value: T; at: number } } {
  const cache: ResourceCache<T> & { saved?: { value: T; at: number } } = {
    saved,
    read: async () => cache.saved,
    write: async (value, at) => {
      cache.saved = { value, at };
    },
  };
  return cache;
}

const offline = () => new ApiRequestError(0, 'NETWORK', 'Failed to fetch');
const refused = () => new ApiRequestError(500, 'INTERNAL', 'boom');

function mount<T>(load: () => Promise<T>, options?: ResourceOptions<T>) {
  return renderHook(({ opts }) => useResource(load, [], opts), { initialProps: { opts: options } });
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useResource', () => {
  it('loads on mount: loading first, then ready with the answer and when it came', async () => {
    const { load, calls } = controlledLoad<string>();
    const { result } = mount(load);
    expect(result.current).toMatchObject({ data: undefined, loading: true, error: undefined, fromCache: false });
    await waitFor(() => expect(calls).toHaveLength(1));
    const before = Date.now();
    await act(async () => calls[0].resolve('first'));
    expect(result.current).toMatchObject({ data: 'first', loading: false, error: undefined, fromCache: false });
    expect(result.current.loadedAt).toBeGreaterThanOrEqual(before);
  });

  it('shows an answer that arrived even when its offline copy cannot be saved', async () => {
    const { load, calls } = controlledLoad<string>();
    const full: ResourceCache<string> = { read: async () => undefined, write: async () => Promise.reject(new DOMException('full', 'QuotaExceededError')) };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { result } = mount(load, { cache: full });
    await waitFor(() => expect(calls).toHaveLength(1));
    await act(async () => calls[0].resolve('fresh'));
    await waitFor(() => expect(result.current).toMatchObject({ data: 'fresh', loading: false, error: undefined }));
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('ignores a slow earlier answer once a newer load was asked for', async () => {
    const { load, calls } = controlledLoad<string>();
    const { result } = mount(load);
    await waitFor(() => expect(calls).toHaveLength(1));
    let second!: Promise<void>;
    act(() => {
      second = result.current.reload();
    });
    expect(calls).toHaveLength(2);
    await act(async () => {
      calls[1].resolve('new');
      await second;
    });
    expect(result.current.data).toBe('new');
    // The first request answers last: its older list must not replace the newer one.
    await act(async () => calls[0].resolve('old'));
    expect(result.current.data).toBe('new');
    expect(result.current.loading).toBe(false);
  });

  it('reloads after an action, keeping the shown data while the reload runs', async () => {
    let version = 0;
    const load = vi.fn(async () => ++version);
    const { result } = mount(load);
    await waitFor(() => expect(result.current.data).toBe(1));
    await act(() => result.current.reload());
    expect(result.current.data).toBe(2);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps the last data under a failure, tells onError, and clears the failure on the next success', async () => {
    const { load, calls } = controlledLoad<string>();
    const onError = vi.fn();
    const { result } = mount(load, { onError });
    await waitFor(() => expect(calls).toHaveLength(1));
    await act(async () => calls[0].resolve('list'));
    let reloading!: Promise<void>;
    act(() => {
      reloading = result.current.reload();
    });
    expect(result.current.loading).toBe(true);
    const err = refused();
    await act(async () => {
      calls[1].reject(err);
      await reloading;
    });
    expect(result.current).toMatchObject({ data: 'list', error: err, loading: false });
    expect(onError).toHaveBeenCalledWith(err);
    act(() => {
      reloading = result.current.reload();
    });
    await act(async () => {
      calls[2].resolve('list 2');
      await reloading;
    });
    expect(result.current).toMatchObject({ data: 'list 2', error: undefined });
  });

  it('saves each answer, and shows the saved copy (with its own time) when the server cannot be reached', async () => {
    const { load, calls } = controlledLoad<string>();
    const cache = memoryCache({ value: 'saved yesterday', at: 1_000 });
    const { result } = mount(load, { cache });
    await waitFor(() => expect(calls).toHaveLength(1));
    await act(async () => calls[0].reject(offline()));
    expect(result.current).toMatchObject({ data: 'saved yesterday', loadedAt: 1_000, fromCache: true, error: undefined });

    // Back online: the fresh answer replaces the copy, and becomes the copy.
    let reloading!: Promise<void>;
    act(() => {
      reloading = result.current.reload();
    });
    await act(async () => {
      calls[1].resolve('fresh');
      await reloading;
    });
    expect(result.current).toMatchObject({ data: 'fresh', fromCache: false });
    expect(cache.saved?.value).toBe('fresh');
  });

  it('never covers a refusal with the saved copy, nor shows a copy when there is none', async () => {
    const { load, calls } = controlledLoad<string>();
    const cache = memoryCache({ value: 'saved', at: 1_000 });
    const { result } = mount(load, { cache });
    await waitFor(() => expect(calls).toHaveLength(1));
    const err = refused();
    await act(async () => calls[0].reject(err));
    expect(result.current).toMatchObject({ data: undefined, fromCache: false, error: err });

    cache.saved = undefined;
    let reloading!: Promise<void>;
    act(() => {
      reloading = result.current.reload();
    });
    const gone = offline();
    await act(async () => {
      calls[1].reject(gone);
      await reloading;
    });
    expect(result.current).toMatchObject({ data: undefined, fromCache: false, error: gone });
  });

  it('sets nothing after unmount, but still saves the answer for next time', async () => {
    const { load, calls } = controlledLoad<string>();
    const cache = memoryCache<string>();
    const onError = vi.fn();
    const { result, unmount } = mount(load, { cache, onError });
    await waitFor(() => expect(calls).toHaveLength(1));
    unmount();
    await act(async () => calls[0].resolve('late'));
    expect(result.current.data).toBeUndefined();
    expect(cache.saved?.value).toBe('late');
  });

  it('changes the shown data with update, without loading again', async () => {
    const load = vi.fn(async () => ['a']);
    const { result } = mount(load);
    await waitFor(() => expect(result.current.data).toEqual(['a']));
    act(() => result.current.update((items) => [...items, 'b']));
    expect(result.current.data).toEqual(['a', 'b']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('polls while the page is visible, one request at a time, and at once when the page comes back', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { load, calls } = controlledLoad<number>();
    let visibility: DocumentVisibilityState = 'visible';
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
    mount(load, { pollMs: 1_000 });
    await waitFor(() => expect(calls).toHaveLength(1));
    // The first load has not answered: a tick does not start a second request beside it.
    act(() => vi.advanceTimersByTime(1_000));
    expect(calls).toHaveLength(1);
    await act(async () => calls[0].resolve(1));
    act(() => vi.advanceTimersByTime(1_000));
    expect(calls).toHaveLength(2);
    await act(async () => calls[1].resolve(2));

    visibility = 'hidden';
    act(() => vi.advanceTimersByTime(3_000));
    expect(calls).toHaveLength(2);
    visibility = 'visible';
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(calls).toHaveLength(3);
  });
});
