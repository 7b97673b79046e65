// Component tests run without a service worker; the real registration is exercised in the browser tests.
export function useRegisterSW() {
  return { needRefresh: [false, () => undefined], offlineReady: [false, () => undefined], updateServiceWorker: async () => undefined };
}
