// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KioskDatabase } from '../../src/data/db';
import { readPaperDraft } from '../../src/data/paper-draft';
import { loadFormTexts, openPaperTablet, paperConfig, renderPaperForm, typist } from '../support/paper-fixtures';

const config = paperConfig;
const me = typist;

let db: KioskDatabase;
const renderForm = () => renderPaperForm(db, me);

beforeAll(loadFormTexts);
beforeEach(async () => {
  // The server is out of reach in this test: the form works from the copy saved at the last sign-in.
  db = await openPaperTablet(config);
});
afterEach(cleanup);

const fill = (field: string | HTMLElement, value: string) =>
  fireEvent.change(typeof field === 'string' ? screen.getByLabelText(field) : field, { target: { value } });

describe('the paper form', () => {
  it('explains each missing or wrong field next to it and stores nothing', async () => {
    renderForm();
    fireEvent.click(await screen.findByRole('button', { name: '保存并上传' }));
    expect(await screen.findAllByText('此项必填')).toHaveLength(5); // the window starts as the typist's own
    expect(screen.getByLabelText('办件编号').getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByLabelText('不满意'));
    fill('联系电话', '12345');
    fireEvent.click(screen.getByRole('button', { name: '保存并上传' }));
    expect(await screen.findByText('不满意的评价至少选择一个原因')).toBeTruthy();
    expect(screen.getByText(/请输入正确的手机号或座机号/)).toBeTruthy();
    expect(await db.outbox.count()).toBe(0);
  });

  it('saves a complete form into the paper stream of the outbox', async () => {
    renderForm();
    fill(await screen.findByLabelText('办件编号'), 'QH-2026-9');
    fill('办理事项', 'demo-item-1');
    fill('窗口', 'demo-w1');
    fill('工作人员', 'demo-s1');
    fill('办理日期', '2026-11-20');
    fireEvent.click(screen.getByLabelText('非常不满意'));
    fireEvent.click(await screen.findByLabelText('业务不熟练'));
    fill('联系电话', '139 0000 1111');
    fireEvent.click(screen.getByRole('button', { name: '保存并上传' }));
    await screen.findByText(/办件 QH-2026-9 的评价表已保存在本机/);
    const [item] = await db.outbox.toArray();
    expect(item.stream).toBe('paper');
    const rating = await db.ratings.get(item.id);
    expect(rating?.record).toMatchObject({ channel: 'PAPER', level: 'VERY_DISSATISFIED', reasons: ['PROFICIENCY'], contact: { phone: '13900001111' }, paper: { enteredBy: 'demo-s2' } });
    // The next form keeps what a batch shares and clears the rest.
    expect((screen.getByLabelText('窗口') as HTMLSelectElement).value).toBe('demo-w1');
    expect((screen.getByLabelText('办件编号') as HTMLInputElement).value).toBe('');
  });

  it('keeps a half-filled form as a draft across a reload, until thrown away on purpose', async () => {
    const first = renderForm();
    fill(await screen.findByLabelText('办件编号'), 'QH-DRAFT');
    await waitFor(async () => expect((await readPaperDraft(db, me.id))?.values.caseNumber).toBe('QH-DRAFT'), { timeout: 10_000 });
    first.unmount();
    renderForm();
    await waitFor(() => expect((screen.getByLabelText('办件编号') as HTMLInputElement).value).toBe('QH-DRAFT'));
    expect(screen.getByText(/已恢复/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '放弃本次录入' }));
    fireEvent.click(screen.getByRole('button', { name: '确定放弃' }));
    await waitFor(() => expect((screen.getByLabelText('办件编号') as HTMLInputElement).value).toBe(''));
    expect(await readPaperDraft(db, me.id)).toBeUndefined();
  });

  it('warns about the same form entered twice and lets the user decide', async () => {
    renderForm();
    const enter = async () => {
      fill(await screen.findByLabelText('办件编号'), 'QH-DUP');
      fill('办理事项', 'demo-item-1');
      fill('工作人员', 'demo-s1');
      fill('办理日期', '2026-11-20');
      fireEvent.click(screen.getByLabelText('满意'));
      fill('评价人姓名', '赵六');
      fireEvent.click(screen.getByRole('button', { name: '保存并上传' }));
    };
    fill(await screen.findByLabelText('窗口'), 'demo-w1');
    await enter();
    await screen.findByText(/办件 QH-DUP 的评价表已保存在本机/);
    await enter();
    await screen.findByText(/似乎已录入过同一评价人、同一等级的评价表/);
    expect(await db.outbox.count()).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: '确认不是重复，仍然保存' }));
    await waitFor(async () => expect(await db.outbox.count()).toBe(2));
  });
});
