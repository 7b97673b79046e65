import { useEffect, useState } from 'react';
import { loadNamespace } from '../i18n';
import type { Namespace } from '../i18n/namespaces';

/** True once the screen family's messages are loaded in the current language. */
export function useNamespaces(...namespaces: Namespace[]): boolean {
  const [ready, setReady] = useState(false);
  const key = namespaces.join();
  useEffect(() => {
    let live = true;
    void Promise.all(key.split(',').map((ns) => loadNamespace(ns as Namespace))).then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [key]);
  return ready;
}
