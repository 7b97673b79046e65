// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChangePasswordScreen } from '../../src/account/ChangePasswordScreen';
import { SignInScreen } from '../../src/account/SignInScreen';
import type { Me } from '../../src/domain/account-api';
import { initI18n, loadNamespace, setLanguage } from '../../src/i18n';

const me: Me = { id: 'demo-s1', name: '李明', employeeNo: 'D1001', unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF'], photoUrl: null, mustChangePassword: false };

beforeAll(async () => {
  await initI18n();
  await loadNamespace('staff');
  await loadNamespace('admin');
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await setLanguage('zh-CN');
});

describe('change password form', () => {
  it.each([
    ['12345678', '这个密码太常见'],
    ['        ', '密码不能只有空格'],
    ['abD1001cd', '新密码不能包含您的工号'],
  ])('says why %j is refused next to the new password field, without sending it', async (pw, message) => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    render(<ChangePasswordScreen me={me} forced={false} onChanged={() => undefined} />);
    fireEvent.change(screen.getByLabelText('当前密码'), { target: { value: 'demo1234' } });
    fireEvent.change(screen.getByLabelText('新密码'), { target: { value: pw } });
    fireEvent.change(screen.getByLabelText('再次输入新密码'), { target: { value: pw } });
    fireEvent.click(screen.getByRole('button', { name: '保存新密码' }));
    const next = screen.getByLabelText('新密码');
    await waitFor(() => expect(next.getAttribute('aria-invalid')).toBe('true'));
    const error = document.getElementById(next.getAttribute('aria-describedby')!)!;
    expect(error.textContent).toContain(message);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('sign-in screen', () => {
  it('says how long to wait after too many failures, in seconds when short, in the chosen language', async () => {
    await setLanguage('en');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'wait' } }), { status: 429, headers: { 'retry-after': '4' } })),
    );
    render(<SignInScreen title="Staff sign-in" onSignedIn={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Staff No.'), { target: { value: 'D1001' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'guess' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Too many failed attempts. Try again in 4 s.');
  });
});
