import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { ApiRequestError } from './api-client';

/** Where a resource keeps a copy of its last good answer, to show when the network is gone. */
export interface ResourceCache<T> {
  /** The saved copy, if there is one this screen may show (e.g. saved for the same person). */
  read(): Promise<{ value: T; at: number } | undefined>;
  write(value: T, at: number): Promise<void>;
}

export interface ResourceOptions<T> {
  /**
   * Saved after every successful load, and shown (marked fromCache) when a load fails because the server could
   * not be reached. A refusal from the server is shown as an error, never covered by the copy.
   */
  cache?: ResourceCache<T>;
  /** Reload every pollMs while the page is visible, and at once when it becomes visible again. */
  pollMs?: number;
  /** Told of every failed load that is still the newest (e.g. a 401 sends the screen back to sign-in). */
  onError?(err: unknown): void;
}

export interface Resource<T> {
  /** The last answer (or the cached copy); kept while a reload runs or fails, so the screen does not blank. */
  data: T | undefined;
  /** When data was fetched, on this device's clock (the copy's own time when fromCache). */
  loadedAt: number | undefined;
  fromCache: boolean;
  /** The last load's failure (undefined after a success, or when the cached copy covered it). */
  error: unknown;
  /** A load is running. */
  loading: boolean;
  /** Loads again; an answer still on its way from an earlier load is dropped. Resolves when this load is done. */
  reload(): Promise<void>;
  /** Changes the data shown (e.g. a further page appended) without loading it again. */
  update(change: (data: T) => T): void;
}

interface State<T> {
  data: T | undefined;
  loadedAt: number | undefined;
  fromCache: boolean;
  error: unknown;
  loading: boolean;
}

const offline = (err: unknown) => err instanceof ApiRequestError && err.isNetwork;

/**
 * One loader for the signed-in screens: loads through `load` when mounted and whenever `deps` change, and on
 * reload(). Only the newest load's answer is shown (a slow earlier answer never overwrites a newer one) and
 * nothing is set after unmount. `load` and the options are read at call time, so a new closure each render
 * neither reloads nor restarts the poll; `deps` decide when the thing loaded is another one.
 */
export function useResource<T>(load: () => Promise<T>, deps: DependencyList, options: ResourceOptions<T> = {}): Resource<T> {
  const [state, setState] = useState<State<T>>({ data: undefined, loadedAt: undefined, fromCache: false, error: undefined, loading: true });
  const current = useRef({ load, options });
  useEffect(() => {
    current.current = { load, options };
  });
  // The newest load's number, and the last one that finished: a poll tick skips while they differ.
  const newest = useRef(0);
  const settled = useRef(0);
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const reload = useCallback(async () => {
    const id = ++newest.current;
    const { load, options } = current.current;
    const isNewest = () => id === newest.current;
    const show = (next: (s: State<T>) => State<T>) => {
      if (isNewest() && mounted.current) setState(next);
    };
    show((s) => (s.loading ? s : { ...s, loading: true }));
    try {
      const value = await load();
      if (!isNewest()) return;
      const at = Date.now();
      // Saved even if the screen was left meanwhile: the copy is for the next time it opens offline. A copy that
      // cannot be saved (storage full) must not hide the answer that did arrive.
      await options.cache?.write(value, at).catch((err) => console.warn('offline copy not saved', err));
      show(() => ({ data: value, loadedAt: at, fromCache: false, error: undefined, loading: false }));
    } catch (err) {
      if (!isNewest()) return;
      // A copy that cannot be read (storage refused) is as good as none: the failure is shown instead.
      const cached = options.cache && offline(err) ? await options.cache.read().catch(() => undefined) : undefined;
      if (cached) show(() => ({ data: cached.value, loadedAt: cached.at, fromCache: true, error: undefined, loading: false }));
      else show((s) => ({ ...s, error: err, loading: false }));
      if (isNewest() && mounted.current) options.onError?.(err);
    } finally {
      if (isNewest()) settled.current = id;
    }
    // The caller's deps name what is loaded; load itself is read from the ref above.
  }, deps);

  const pollMs = options.pollMs;
  useEffect(() => {
    void reload();
    if (!pollMs) return;
    const tick = () => {
      if (document.visibilityState === 'visible' && settled.current === newest.current) void reload();
    };
    const timer = window.setInterval(tick, pollMs);
    // Back from another browser tab: fresh figures at once rather than up to a period later.
    document.addEventListener('visibilitychange', tick);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [reload, pollMs]);

  const update = useCallback((change: (data: T) => T) => {
    setState((s) => (s.data === undefined ? s : { ...s, data: change(s.data) }));
  }, []);

  return { ...state, reload, update };
}
