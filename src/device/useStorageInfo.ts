import { useCallback, useEffect, useState } from 'react';

export interface StorageInfo {
  persisted: boolean;
  usage?: string;
  quota?: string;
  requestPersist: () => void;
}

const mib = (bytes?: number) => (bytes === undefined ? undefined : `${(bytes / 1024 / 1024).toFixed(1)} MiB`);

/** Whether the browser may evict this device's data, and how much room is left. */
export function useStorageInfo(): StorageInfo {
  const [persisted, setPersisted] = useState(false);
  const [estimate, setEstimate] = useState<StorageEstimate>({});
  const refresh = useCallback(async () => {
    if (!navigator.storage) return;
    setPersisted(await navigator.storage.persisted());
    setEstimate(await navigator.storage.estimate());
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const requestPersist = useCallback(() => {
    void navigator.storage?.persist().then(refresh);
  }, [refresh]);
  return { persisted, usage: mib(estimate.usage), quota: mib(estimate.quota), requestPersist };
}
