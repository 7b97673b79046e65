// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppServicesContext } from '../../src/app-context';
import type { KioskDatabase } from '../../src/data/db';
import { setMeta } from '../../src/data/meta';
import { currentLocale, initI18n, setLanguage } from '../../src/i18n';
import { KioskScreen } from '../../src/kiosk/KioskScreen';
import { demoConfig, freshDb } from '../support/kiosk-fixtures';

let db: KioskDatabase;

function renderKiosk() {
  window.history.replaceState(null, '', '/');
  return render(
    <AppServicesContext.Provider value={{ db, sync: { trigger: async () => undefined } }}>
      <KioskScreen />
    </AppServicesContext.Provider>,
  );
}

/** Fake time that also runs on its own, so findBy* still polls; advance() jumps over the long waits. */
const advance = (ms: number) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));
const abandonedRecords = async () => (await db.table('abandonedTaps').toArray()).map((r) => r.record);

beforeAll(async () => {
  await initI18n();
});
beforeEach(async () => {
  db = await freshDb();
  await setMeta(db, 'kioskConfig', demoConfig);
  await setLanguage('zh-CN');
  // setImmediate and microtasks stay real: fake-indexeddb runs on them.
  vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function openReasons(level = '不满意') {
  renderKiosk();
  fireEvent.click(await screen.findByRole('button', { name: level }));
  return screen.findByRole('button', { name: '提交' });
}

describe('the idle reason screen', () => {
  it('asks 还在吗？ with a 15 s countdown after the idle time instead of dropping at once', async () => {
    await openReasons();
    fireEvent.click(await screen.findByLabelText('业务不熟练'));
    await advance(60_000);
    const dialog = await screen.findByRole('alertdialog', { name: '还在吗？' });
    expect(dialog.textContent).toMatch(/15/);
    expect(screen.getByRole('button', { name: '提交' })).toBeTruthy();
    await advance(5_000);
    expect(dialog.textContent).toMatch(/10/);
  });

  it('keeps what was typed when the citizen continues, and asks again after the next idle time', async () => {
    await openReasons();
    fireEvent.change(screen.getByLabelText('意见或建议（选填）'), { target: { value: '排队太久' } });
    await advance(60_000);
    fireEvent.click(await screen.findByRole('button', { name: '继续评价' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await advance(20_000);
    expect((screen.getByLabelText('意见或建议（选填）') as HTMLTextAreaElement).value).toBe('排队太久');
    await advance(45_000);
    expect(await screen.findByRole('alertdialog', { name: '还在吗？' })).toBeTruthy();
  });

  it('drops the rating when the countdown ends and counts a contentless abandoned bad tap', async () => {
    await openReasons('非常不满意');
    fireEvent.change(screen.getByLabelText('电话'), { target: { value: '13812345678' } });
    await advance(60_000);
    await screen.findByRole('alertdialog');
    await advance(15_000);
    expect(await screen.findByRole('button', { name: '非常满意' })).toBeTruthy();
    expect(await db.ratings.count()).toBe(0);
    await vi.waitFor(async () => expect(await abandonedRecords()).toHaveLength(1));
    const [record] = await abandonedRecords();
    expect(Object.keys(record).sort()).toEqual(['id', 'month', 'windowId']);
    expect(record).toMatchObject({ windowId: 'demo-w1', month: expect.stringMatching(/^\d{4}-\d{2}$/) });
    expect(JSON.stringify(record)).not.toMatch(/138|DISSATISFIED/);
    expect((await db.outbox.get(record.id))?.stream).toBe('abandon');
  });

  it('返回 with something typed asks first; 继续填写 keeps it, 放弃评价 discards and counts it', async () => {
    await openReasons();
    fireEvent.click(await screen.findByLabelText('业务不熟练'));
    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    const confirm = await screen.findByRole('alertdialog', { name: '放弃这次评价？' });
    // The safe choice comes first.
    expect(confirm.querySelectorAll('button')[0].textContent).toBe('继续填写');
    fireEvent.click(screen.getByRole('button', { name: '继续填写' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect((screen.getByLabelText('业务不熟练') as HTMLInputElement).checked).toBe(true);
    expect(await abandonedRecords()).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    fireEvent.click(await screen.findByRole('button', { name: '放弃评价' }));
    expect(await screen.findByRole('button', { name: '非常满意' })).toBeTruthy();
    await vi.waitFor(async () => expect(await abandonedRecords()).toHaveLength(1));
    expect(await db.ratings.count()).toBe(0);
  });

  it('返回 with nothing typed goes straight back (still counted as an abandoned bad tap)', async () => {
    await openReasons();
    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    expect(await screen.findByRole('button', { name: '非常满意' })).toBeTruthy();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await vi.waitFor(async () => expect(await abandonedRecords()).toHaveLength(1));
  });

  it('counts nothing when the bad rating is submitted', async () => {
    await openReasons();
    fireEvent.click(await screen.findByLabelText('业务不熟练'));
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    expect(await screen.findByText('感谢您的评价！')).toBeTruthy();
    expect(await abandonedRecords()).toHaveLength(0);
  });
});

describe('the language after idle time', () => {
  it('stays Tibetan on the idle screen after the idle time', async () => {
    renderKiosk();
    fireEvent.click(await screen.findByRole('button', { name: 'བོད་ཡིག' }));
    await screen.findByRole('button', { name: 'ཡིད་ཚིམ།' });
    await advance(61_000);
    await advance(61_000);
    expect(currentLocale()).toBe('bo');
    expect(screen.getByRole('button', { name: 'ཡིད་ཚིམ།' })).toBeTruthy();
  });

  it('goes back to Chinese when a rating ends', async () => {
    renderKiosk();
    fireEvent.click(await screen.findByRole('button', { name: 'English' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Satisfied' }));
    await screen.findByText('Thank you for your rating!');
    await advance(5_000);
    expect(await screen.findByRole('button', { name: '满意' })).toBeTruthy();
  });

  it('goes back to Chinese when the kiosk was left on the reason screen', async () => {
    renderKiosk();
    fireEvent.click(await screen.findByRole('button', { name: 'English' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Dissatisfied' }));
    await screen.findByRole('button', { name: 'Submit' });
    await advance(60_000);
    await screen.findByRole('alertdialog');
    await advance(15_000);
    expect(await screen.findByRole('button', { name: '满意' })).toBeTruthy();
  });
});
