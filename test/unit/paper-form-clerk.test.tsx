// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KioskDatabase } from '../../src/data/db';
import { savePaperDraft } from '../../src/data/paper-draft';
import type { Me } from '../../src/domain/account-api';
import type { PaperFormConfig } from '../../src/domain/paper-api';
import { EMPTY_PAPER_FORM } from '../../src/domain/paper-form';
import { DEFAULT_REASONS } from '../../src/domain/reasons';
import { label, loadFormTexts, openPaperTablet, renderPaperForm } from '../support/paper-fixtures';

// The unit's whole catalogue, as the server sends it: window staff and the accounts that serve at no window.
const config: PaperFormConfig = {
  unit: { id: 'demo-unit', name: label('演示单位') },
  windows: [
    { id: 'demo-w1', number: '1', name: label('1号窗口') },
    { id: 'demo-w2', number: '2', name: label('2号窗口') },
  ],
  staff: [
    { id: 'demo-s1', name: '李明', employeeNo: 'D1001', windowId: 'demo-w1' },
    { id: 'demo-s2', name: '王芳', employeeNo: 'D1002', windowId: 'demo-w1' },
    { id: 'demo-s4', name: '卓玛', employeeNo: 'D1004', windowId: 'demo-w1' },
    { id: 'demo-s3', name: '赵强', employeeNo: 'D2001', windowId: 'demo-w2' },
    { id: 'demo-admin', name: '管理员', employeeNo: 'D9000', windowId: null },
    { id: 'demo-office', name: '周敏', employeeNo: 'D9001', windowId: null },
    { id: 'demo-supervision', name: '孙伟', employeeNo: 'D9002', windowId: null },
    { id: 'demo-personnel', name: '吴静', employeeNo: 'D9003', windowId: null },
  ],
  serviceItems: [{ id: 'demo-item-1', code: 'DEMO-001', name: label('企业投资项目备案') }],
  reasons: [...DEFAULT_REASONS],
  fetchedAt: 1,
};
// The typist: a clerk of window 1 (here its lead too).
const me: Me = { id: 'demo-s2', name: '王芳', employeeNo: 'D1002', unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF', 'LEAD'], photoUrl: null, mustChangePassword: false };

let db: KioskDatabase;
const renderForm = () => renderPaperForm(db, me);
const select = (name: string) => screen.getByLabelText(name) as HTMLSelectElement;
const options = (name: string) => [...select(name).options].map((o) => o.value);

beforeAll(loadFormTexts);
beforeEach(async () => {
  db = await openPaperTablet(config);
});
afterEach(cleanup);

describe('the paper form for the clerk who types it', () => {
  it('offers only the staff of the typist’s window, never the typist, and never accounts that serve at no window', async () => {
    renderForm();
    await screen.findByLabelText('工作人员');
    expect(options('工作人员')).toEqual(['', 'demo-s1', 'demo-s4']);
    // Before a window is chosen (the clerk cleared it): still only window staff, of the window they may type for.
    fireEvent.change(select('窗口'), { target: { value: '' } });
    await waitFor(() => expect(select('窗口').value).toBe(''));
    expect(options('工作人员')).toEqual(['', 'demo-s1', 'demo-s4']);
  });

  it('starts at the clerk’s own window, with the staff member left to choose (the typist may not rate themselves)', async () => {
    renderForm();
    await screen.findByLabelText('工作人员');
    expect(select('窗口').value).toBe('demo-w1');
    expect(select('工作人员').value).toBe('');
    expect(screen.getByTestId('entered-by').textContent).toContain('王芳');
  });

  it('keeps the own window after a draft is thrown away, and fills it into a draft saved without one', async () => {
    await savePaperDraft(db, me.id, { ...EMPTY_PAPER_FORM, caseNumber: 'QH-OLD' });
    renderForm();
    await waitFor(() => expect((screen.getByLabelText('办件编号') as HTMLInputElement).value).toBe('QH-OLD'));
    expect(select('窗口').value).toBe('demo-w1');
    fireEvent.click(screen.getByRole('button', { name: '放弃本次录入' }));
    fireEvent.click(screen.getByRole('button', { name: '确定放弃' }));
    await waitFor(() => expect((screen.getByLabelText('办件编号') as HTMLInputElement).value).toBe(''));
    expect(select('窗口').value).toBe('demo-w1');
  });

  it('asks before throwing a draft away with the safe choice first, and focuses it', async () => {
    renderForm();
    fireEvent.click(await screen.findByRole('button', { name: '放弃本次录入' }));
    const question = screen.getByRole('group', { name: /确定放弃本次填写/ });
    expect(within(question).getAllByRole('button').map((b) => b.textContent)).toEqual(['继续填写', '确定放弃']);
    expect(document.activeElement?.textContent).toBe('继续填写');
    fireEvent.click(within(question).getByRole('button', { name: '继续填写' }));
    expect(screen.queryByRole('group', { name: /确定放弃本次填写/ })).toBeNull();
    expect(screen.getByRole('button', { name: '放弃本次录入' })).toBeTruthy();
  });
});
