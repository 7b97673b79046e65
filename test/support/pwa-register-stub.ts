// Component tests run without a service worker; the real registration is exercised in the browser tests.
export function registerSW() {
  return async () => undefined;
}
