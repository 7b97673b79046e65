// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppServicesContext } from '../../src/app-context';
import type { KioskDatabase } from '../../src/data/db';
import { setMeta } from '../../src/data/meta';
import { initI18n, setLanguage } from '../../src/i18n';
import { KioskScreen } from '../../src/kiosk/KioskScreen';
import { demoConfig, freshDb } from '../support/kiosk-fixtures';
import { chooseKioskLanguage } from '../support/kiosk-language';

let db: KioskDatabase;
let syncTriggers: string[];

function renderKiosk(search = '') {
  window.history.replaceState(null, '', `/${search}`);
  return render(
    <AppServicesContext.Provider value={{ db, sync: { trigger: async (r) => void syncTriggers.push(r) } }}>
      <KioskScreen />
    </AppServicesContext.Provider>,
  );
}

const LEVEL_NAMES = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'];

beforeAll(async () => {
  await initI18n();
});
beforeEach(async () => {
  db = await freshDb();
  syncTriggers = [];
  await setMeta(db, 'kioskConfig', demoConfig);
  await setLanguage('zh-CN');
});
afterEach(cleanup);

describe('the kiosk', () => {
  it('shows who is serving and five level buttons named exactly by their labels, best first', async () => {
    renderKiosk();
    expect(await screen.findByText('李明（演示）')).toBeTruthy();
    expect(screen.getByText('D1001')).toBeTruthy();
    const buttons = LEVEL_NAMES.map((name) => screen.getByRole('button', { name }));
    expect(buttons).toHaveLength(5);
    const order = screen.getAllByRole('button').filter((b) => LEVEL_NAMES.includes(b.textContent!.replace(/★/g, '')));
    expect(order.map((b) => b.textContent!.replace(/★/g, ''))).toEqual(LEVEL_NAMES);
  });

  it('stores a good rating on one tap and thanks the citizen only after the write', async () => {
    renderKiosk();
    const button = await screen.findByRole('button', { name: '满意' });
    fireEvent.click(button);
    fireEvent.click(button); // a double tap
    expect(await screen.findByText('感谢您的评价！')).toBeTruthy();
    const ratings = await db.ratings.toArray();
    expect(ratings).toHaveLength(1);
    expect(ratings[0].record).toMatchObject({ level: 'SATISFIED', staffId: 'demo-s1', windowId: 'demo-w1', channel: 'HALL_TABLET' });
    expect(await db.outbox.count()).toBe(1);
    await waitFor(() => expect(syncTriggers).toContain('submit')); // after the thank-you frame
    expect(screen.queryByRole('button', { name: '满意' })).toBeNull();
  });

  it('asks a bad rating for its reasons and explains each mistake next to its field', async () => {
    renderKiosk();
    fireEvent.click(await screen.findByRole('button', { name: '不满意' }));
    const submit = await screen.findByRole('button', { name: '提交' });
    fireEvent.click(submit);
    expect(await screen.findByText('请至少选择一个原因')).toBeTruthy();

    fireEvent.click(screen.getByLabelText('其他'));
    fireEvent.click(submit);
    expect(await screen.findByText('请填写其他原因', { selector: '.field-error' })).toBeTruthy();

    fireEvent.change(screen.getByLabelText('其他原因'), { target: { value: '叫号系统坏了' } });
    fireEvent.change(screen.getByLabelText('电话'), { target: { value: '12345' } });
    fireEvent.click(submit);
    expect(await screen.findByText(/请输入正确的手机号或座机号/)).toBeTruthy();
    expect(screen.getByLabelText('电话').getAttribute('aria-invalid')).toBe('true');
    expect(await db.ratings.count()).toBe(0);

    fireEvent.click(screen.getByLabelText('服务态度不热情、不主动'));
    fireEvent.change(screen.getByLabelText('电话'), { target: { value: '138 1234 5678' } });
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '王五' } });
    fireEvent.change(screen.getByLabelText('意见或建议（选填）'), { target: { value: '希望改进' } });
    fireEvent.click(submit);
    expect(await screen.findByText('感谢您的评价！')).toBeTruthy();
    const [rating] = await db.ratings.toArray();
    expect(rating.record).toMatchObject({
      level: 'DISSATISFIED',
      reasons: ['ATTITUDE', 'OTHER'],
      otherReason: '叫号系统坏了',
      comment: '希望改进',
      contact: { name: '王五', phone: '13812345678' },
    });
  });

  it('shows the consent line with the contact fields', async () => {
    renderKiosk();
    fireEvent.click(await screen.findByRole('button', { name: '非常不满意' }));
    expect(await screen.findByText('您留下的姓名和电话仅用于工作人员回访核实，不会用于其他用途。')).toBeTruthy();
  });

  it('stores nothing when the citizen goes back', async () => {
    renderKiosk();
    fireEvent.click(await screen.findByRole('button', { name: '非常不满意' }));
    fireEvent.click(await screen.findByLabelText('业务不熟练'));
    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    fireEvent.click(await screen.findByRole('button', { name: '放弃评价' }));
    expect(await screen.findByRole('button', { name: '非常满意' })).toBeTruthy();
    expect(await db.ratings.count()).toBe(0);
  });

  it('asks 还在吗？ after the idle time before dropping the unfinished rating (the drop: kiosk-idle.test.tsx)', async () => {
    renderKiosk('?idleMs=300');
    fireEvent.click(await screen.findByRole('button', { name: '不满意' }));
    fireEvent.click(await screen.findByLabelText('业务不熟练'));
    expect(await screen.findByRole('alertdialog', { name: '还在吗？' })).toBeTruthy();
    expect(await db.ratings.count()).toBe(0);
  });

  it('returns to idle after the thank-you screen, in the hall language again', async () => {
    renderKiosk('?thanksMs=200');
    await chooseKioskLanguage('en');
    fireEvent.click(await screen.findByRole('button', { name: 'Very satisfied' }));
    expect(await screen.findByText('Thank you for your rating!')).toBeTruthy();
    expect(await screen.findByRole('button', { name: '非常满意' })).toBeTruthy();
    expect((await db.ratings.toArray())[0].record.locale).toBe('en');
  });

  it('switches every level name to Tibetan and English', async () => {
    renderKiosk();
    await chooseKioskLanguage('bo');
    for (const name of ['ཧ་ཅང་ཡིད་ཚིམ།', 'ཡིད་ཚིམ།', 'གཞི་ནས་ཡིད་ཚིམ།', 'ཡིད་མི་ཚིམ།', 'ཧ་ཅང་ཡིད་མི་ཚིམ།']) {
      expect(await screen.findByRole('button', { name })).toBeTruthy();
    }
    expect(document.documentElement.lang).toBe('bo');
    await chooseKioskLanguage('en');
    for (const name of ['Very satisfied', 'Satisfied', 'Basically satisfied', 'Dissatisfied', 'Very dissatisfied']) {
      expect(await screen.findByRole('button', { name })).toBeTruthy();
    }
  });

  it('tells the citizen in the status strip that the rating is kept until the network returns', async () => {
    renderKiosk();
    fireEvent.click(await screen.findByRole('button', { name: '基本满意' }));
    const strip = await screen.findByRole('contentinfo');
    await waitFor(() => expect(within(strip).getByText('已保存，网络恢复后自动上传')).toBeTruthy());
    expect(within(strip).getByTestId('status-line').getAttribute('data-pending')).toBe('1');
  });
});
