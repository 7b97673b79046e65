import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const pwaRegisterStub = path.resolve('test/support/pwa-register-stub.ts');

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify('test') },
  plugins: [react()],
  resolve: { alias: { 'virtual:pwa-register': pwaRegisterStub } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], environment: 'node', setupFiles: ['test/support/setup-unit.ts'], testTimeout: 20_000 },
      },
      {
        extends: true,
        test: { name: 'server', include: ['test/server/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // One Chromium and one server at a time: this machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
