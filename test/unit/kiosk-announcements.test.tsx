// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppServicesContext } from '../../src/app-context';
import type { KioskDatabase } from '../../src/data/db';
import { setMeta } from '../../src/data/meta';
import { describeClockOffset, formatCstFull } from '../../src/device/device-format';
import i18n from 'i18next';
import { initI18n, setLanguage } from '../../src/i18n';
import { KioskScreen } from '../../src/kiosk/KioskScreen';
import { demoConfig, freshDb } from '../support/kiosk-fixtures';
import { chooseKioskLanguage } from '../support/kiosk-language';

let db: KioskDatabase;

function renderKiosk(search = '') {
  window.history.replaceState(null, '', `/${search}`);
  return render(
    <AppServicesContext.Provider value={{ db, sync: { trigger: async () => undefined } }}>
      <KioskScreen />
    </AppServicesContext.Provider>,
  );
}

const roster = [
  { id: 's1', name: '李明', employeeNo: 'D1001', photoUrl: null },
  { id: 's2', name: '王芳', employeeNo: 'D1002', photoUrl: null },
];

beforeAll(async () => {
  await initI18n();
  await setLanguage('en'); // loads the English messages the formatters are checked with
});
beforeEach(async () => {
  db = await freshDb();
  await setMeta(db, 'kioskConfig', { ...demoConfig, roster });
  await setLanguage('zh-CN');
});
afterEach(cleanup);

describe('screen changes are announced', () => {
  it('moves focus to the reason screen heading when a bad level is tapped', async () => {
    renderKiosk();
    const bad = await screen.findByRole('button', { name: '不满意' });
    bad.focus();
    fireEvent.click(bad);
    const heading = await screen.findByRole('heading', { name: '您的评价：不满意' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(heading.getAttribute('tabindex')).toBe('-1');
  });

  it('keeps an empty live region on the idle screen and fills it with the level that was recorded', async () => {
    renderKiosk();
    await screen.findByRole('button', { name: '满意' });
    const region = screen.getByTestId('kiosk-announcer');
    expect(region.getAttribute('role')).toBe('status');
    expect(region.textContent).toBe('');
    fireEvent.click(screen.getByRole('button', { name: '满意' }));
    await waitFor(() => expect(screen.getByTestId('kiosk-announcer').textContent).toContain('满意'));
    expect(screen.getByTestId('kiosk-announcer')).toBe(region); // the same node: it was there before the text
    expect(region.textContent).toBe('评价已记录：满意。谢谢您！');
    // It does not repeat the visible title word for word, so a search for the title finds one element.
    expect(screen.getAllByText(/感谢您的评价/)).toHaveLength(1);
    // Only one live region speaks: the visible thank-you is not a second one.
    expect(document.querySelectorAll('[role="status"]')).toHaveLength(1);
  });

  it('says the recorded level in English and Tibetan too', async () => {
    renderKiosk();
    await chooseKioskLanguage('en');
    fireEvent.click(await screen.findByRole('button', { name: 'Basically satisfied' }));
    await waitFor(() => expect(screen.getByTestId('kiosk-announcer').textContent).toContain('Basically satisfied'));
    cleanup();
    db = await freshDb();
    await setMeta(db, 'kioskConfig', { ...demoConfig, roster });
    renderKiosk();
    await chooseKioskLanguage('bo');
    fireEvent.click(await screen.findByRole('button', { name: 'ཧ་ཅང་ཡིད་ཚིམ།' }));
    await waitFor(() => expect(screen.getByTestId('kiosk-announcer').textContent).toContain('ཧ་ཅང་ཡིད་ཚིམ།'));
  });

  it('makes the staff sign-on dialog modal: focus inside and trapped, background inert, Escape returns to 工作人员签到', async () => {
    const { container } = renderKiosk();
    const opener = await screen.findByRole('button', { name: '工作人员签到' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = await screen.findByRole('dialog', { name: '工作人员签到' });
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    // The kiosk behind it cannot be reached.
    expect(container.closest('[inert]') ?? container.querySelector('main.kiosk[inert]')).not.toBeNull();
    expect(dialog.closest('[inert]')).toBeNull();

    // Tab from the last control wraps to the first; Shift+Tab from the first wraps to the last.
    const focusable = within(dialog).getAllByRole('button');
    const last = focusable[focusable.length - 1];
    last.focus();
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(document.activeElement).toBe(focusable[0]);
    fireEvent.keyDown(focusable[0], { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);

    // Choosing a person replaces the buttons: focus stays in the dialog, not on <body>.
    fireEvent.click(within(dialog).getByRole('button', { name: /王芳/ }));
    await screen.findByRole('heading', { name: /王芳，请输入您的 6 位 PIN/ });
    await waitFor(() => expect(screen.getByRole('dialog').contains(document.activeElement)).toBe(true));

    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.querySelector('[inert]')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: '工作人员签到' })));
  });
});

describe('the status strip', () => {
  it('tells the citizen, in one line, that a rating made offline is kept and will be sent', async () => {
    renderKiosk();
    fireEvent.click(await screen.findByRole('button', { name: '基本满意' }));
    const strip = await screen.findByRole('contentinfo');
    await waitFor(() => expect(within(strip).getByTestId('status-line').textContent).toBe('已保存，网络恢复后自动上传'));
    expect(within(strip).getByTestId('status-line').getAttribute('data-pending')).toBe('1');
    // No staff detail for the citizen: no counts, no times.
    expect(strip.textContent).toBe('已保存，网络恢复后自动上传');
  });

  it('says all is sent when the server answered and nothing waits', async () => {
    await setMeta(db, 'syncStatus', { lastAttemptAt: Date.now(), lastSuccessAt: Date.now() });
    renderKiosk();
    const strip = await screen.findByRole('contentinfo');
    await waitFor(() => expect(within(strip).getByTestId('status-line').textContent).toBe('评价已全部上传'));
    expect(within(strip).getByTestId('status-line').getAttribute('data-online')).toBe('true');
  });
});

describe('the details on /device', () => {
  it('writes dates and times in full, in China time', () => {
    const t = i18n.getFixedT('zh-CN', 'kiosk');
    expect(formatCstFull(Date.UTC(2026, 0, 5, 16, 4, 9), t)).toBe('2026-01-06 00:04:09（北京时间）');
    expect(formatCstFull(Date.UTC(2026, 0, 5, 16, 4, 9), i18n.getFixedT('en', 'kiosk'))).toBe('2026-01-06 00:04:09 (China time)');
  });

  it('says which way the clock is off, in minutes and seconds', () => {
    const t = i18n.getFixedT('zh-CN', 'kiosk');
    // The offset is server minus device: positive means this tablet's clock is behind.
    expect(describeClockOffset(90_000, t)).toBe('本机时钟慢 1 分 30 秒');
    expect(describeClockOffset(-4_200, t)).toBe('本机时钟快 4 秒');
    expect(describeClockOffset(-3_725_000, t)).toBe('本机时钟快 1 小时 2 分 5 秒');
    expect(describeClockOffset(300, t)).toBe('本机时钟准确');
    expect(describeClockOffset(90_000, i18n.getFixedT('en', 'kiosk'))).toBe('This device’s clock is 1 min 30 s slow');
  });
});
