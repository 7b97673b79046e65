// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppServicesContext } from '../../src/app-context';
import type { KioskDatabase } from '../../src/data/db';
import { clearDeviceRefusal, migrateDeviceRefusal, readDeviceRefusal, recordDeviceRefusal } from '../../src/data/device-refusal';
import { getMeta, setMeta } from '../../src/data/meta';
import { initI18n, setLanguage } from '../../src/i18n';
import { KioskScreen } from '../../src/kiosk/KioskScreen';
import { demoConfig, freshDb } from '../support/kiosk-fixtures';

let db: KioskDatabase;

beforeAll(async () => {
  await initI18n();
});
beforeEach(async () => {
  db = await freshDb();
  await setMeta(db, 'kioskConfig', demoConfig);
  await setLanguage('zh-CN');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** How versions before this one stored a refused check-in: as the rating engine's last error. */
const OLD_FORM = { lastAttemptAt: 1_000, lastSuccessAt: 500, lastError: { kind: 'auth' as const, code: 'DEVICE_REVOKED', message: 'revoked' } };
const NETWORK_FAILURE = { lastAttemptAt: 2_000, lastSuccessAt: 500, lastError: { kind: 'retryable' as const, code: 'NETWORK', message: 'offline' } };

describe('the device refusal', () => {
  it('is kept under its own key, never in the push engine’s status', async () => {
    await setMeta(db, 'syncStatus', NETWORK_FAILURE);
    await recordDeviceRefusal(db, 'DEVICE_UNKNOWN', 'unknown credential', 3_000);
    expect(await getMeta(db, 'deviceRefusal')).toEqual({ code: 'DEVICE_UNKNOWN', message: 'unknown credential', at: 3_000 });
    expect(await getMeta(db, 'syncStatus')).toEqual(NETWORK_FAILURE);
    // The engine writing its own status later changes nothing about the refusal.
    await setMeta(db, 'syncStatus', { lastAttemptAt: 4_000, lastSuccessAt: 4_000 });
    expect((await readDeviceRefusal(db))?.code).toBe('DEVICE_UNKNOWN');
    await clearDeviceRefusal(db);
    expect(await readDeviceRefusal(db)).toBeUndefined();
  });

  it('stored the old way is read, and moved under its own key so it outlives the engine’s next status', async () => {
    await setMeta(db, 'syncStatus', OLD_FORM);
    expect(await readDeviceRefusal(db)).toEqual({ code: 'DEVICE_REVOKED', message: 'revoked', at: 1_000 });
    expect(await migrateDeviceRefusal(db)).toEqual({ code: 'DEVICE_REVOKED', message: 'revoked', at: 1_000 });
    expect(await getMeta(db, 'deviceRefusal')).toEqual({ code: 'DEVICE_REVOKED', message: 'revoked', at: 1_000 });
    await setMeta(db, 'syncStatus', NETWORK_FAILURE);
    expect((await readDeviceRefusal(db))?.code).toBe('DEVICE_REVOKED');
  });

  it('is not made of other auth stops (an expired session on the paper stream, a 401 of another kind)', async () => {
    await setMeta(db, 'syncStatus', { ...OLD_FORM, lastError: { kind: 'auth', code: 'SIGN_IN_REQUIRED', message: 'sign in' } });
    expect(await migrateDeviceRefusal(db)).toBeUndefined();
    expect(await getMeta(db, 'deviceRefusal')).toBeUndefined();
  });

  it('keeps a tablet updated while refused on the refused screen, after the engine next writes its status', async () => {
    // The check-in fails as offline: only what the tablet stored decides.
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('offline')));
    await setMeta(db, 'device', { id: 'dev-1', windowId: 'demo-w1', credential: 'c'.repeat(32), enrolledAt: 1 });
    await setMeta(db, 'syncStatus', OLD_FORM);
    const renderKiosk = () =>
      render(
        <AppServicesContext.Provider value={{ db, sync: { trigger: async () => undefined } }}>
          <KioskScreen />
        </AppServicesContext.Provider>,
      );
    renderKiosk();
    expect(await screen.findByText('本设备已被停用')).toBeTruthy();
    await waitFor(async () => expect((await getMeta(db, 'deviceRefusal'))?.code).toBe('DEVICE_REVOKED'));
    // The engine then records a network failure of its own; the kiosk, opened again, is still refused.
    await setMeta(db, 'syncStatus', NETWORK_FAILURE);
    cleanup();
    renderKiosk();
    expect(await screen.findByText('本设备已被停用')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '非常满意' })).toBeNull();
  });
});
