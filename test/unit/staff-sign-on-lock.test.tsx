// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashPin } from '../../src/domain/pin';
import { initI18n } from '../../src/i18n';
import StaffSignOn from '../../src/kiosk/StaffSignOn';
import { MAX_PIN_FAILURES } from '../../src/kiosk/on-duty';
import { freshDb } from '../support/kiosk-fixtures';

beforeAll(async () => {
  await initI18n();
});
afterEach(cleanup);

const typePin = (pin: string) => {
  for (const key of pin) fireEvent.keyDown(window, { key });
  fireEvent.keyDown(window, { key: 'Enter' });
};

describe('the staff sign-on pad', () => {
  it('locks only the person whose PIN was guessed: a colleague still signs on', async () => {
    const db = await freshDb();
    const roster = [
      { id: 's1', name: '李明', employeeNo: 'D1001', photoUrl: null, pinHash: await hashPin('246810') },
      { id: 's2', name: '王芳', employeeNo: 'D1002', photoUrl: null, pinHash: await hashPin('135790') },
    ];
    const onSignOn = vi.fn(async () => undefined);
    render(<StaffSignOn db={db} roster={roster} signedOnId={null} onSignOn={onSignOn} onSignOff={async () => undefined} onClose={() => undefined} />);

    // A citizen plays with the pad: five wrong PINs for 李明.
    fireEvent.click(screen.getByRole('button', { name: /李明/ }));
    for (let i = 1; i <= MAX_PIN_FAILURES; i++) {
      typePin('000111');
      await screen.findByText(i < MAX_PIN_FAILURES ? `PIN 不正确，还可再试 ${MAX_PIN_FAILURES - i} 次。` : /已锁定/);
    }
    fireEvent.click(screen.getByRole('button', { name: '返回' }));

    // 王芳 arrives for her shift and signs on as usual.
    fireEvent.click(screen.getByRole('button', { name: /王芳/ }));
    typePin('135790');
    await waitFor(() => expect(onSignOn).toHaveBeenCalledWith('s2'));
  });
});
