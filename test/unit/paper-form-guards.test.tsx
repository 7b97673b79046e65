// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskDatabase } from '../../src/data/db';
import { setMeta } from '../../src/data/meta';
import type { Me } from '../../src/domain/account-api';
import type { PaperFormConfig } from '../../src/domain/paper-api';
import { DEFAULT_REASONS } from '../../src/domain/reasons';
import { resizePhoto } from '../../src/media/photo-resize';
import { label, loadFormTexts, openPaperTablet, renderPaperForm } from '../support/paper-fixtures';

// The photo is resized by the browser's canvas, which jsdom lacks: each test decides when the resizing ends.
vi.mock('../../src/media/photo-resize', async (original) => ({ ...(await original<typeof import('../../src/media/photo-resize')>()), resizePhoto: vi.fn() }));

const config: PaperFormConfig = {
  unit: { id: 'demo-unit', name: label('演示单位') },
  windows: [
    { id: 'demo-w1', number: '1', name: label('1号窗口') },
    { id: 'demo-w2', number: '2', name: label('2号窗口') },
  ],
  staff: [
    { id: 'demo-s1', name: '李明', employeeNo: 'D1001', windowId: 'demo-w1' },
    { id: 'demo-s2', name: '王芳', employeeNo: 'D1002', windowId: 'demo-w1' },
    { id: 'demo-s3', name: '才让', employeeNo: 'D2001', windowId: 'demo-w2' },
  ],
  serviceItems: [{ id: 'demo-item-1', code: 'DEMO-001', name: label('企业投资项目备案') }],
  reasons: [...DEFAULT_REASONS],
  fetchedAt: 1,
};
const me: Me = { id: 'demo-s2', name: '王芳', employeeNo: 'D1002', unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF', 'LEAD'], photoUrl: null, mustChangePassword: false };

const deferred = <T,>() => {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

let db: KioskDatabase;
/** The duplicate check's requests, held until the test lets them fail (offline); everything else fails at once. */
let duplicateChecks: ReturnType<typeof deferred<Response>>[];
const renderForm = (who: Me = me) => renderPaperForm(db, who);

beforeAll(loadFormTexts);
beforeEach(async () => {
  db = await openPaperTablet(config);
  duplicateChecks = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (!String(url).includes('duplicate-check')) throw new TypeError('offline');
      const check = deferred<Response>();
      duplicateChecks.push(check);
      return check.promise;
    }),
  );
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:preview'), revokeObjectURL: vi.fn() }));
  vi.mocked(resizePhoto).mockReset();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const fill = (field: string | HTMLElement, value: string) =>
  fireEvent.change(typeof field === 'string' ? screen.getByLabelText(field) : field, { target: { value } });
const submitButton = () => screen.getByRole('button', { name: '保存并上传' }) as HTMLButtonElement;
const releaseChecks = () => duplicateChecks.forEach((c) => c.reject(new TypeError('offline')));

async function fillValidForm(caseNumber = 'QH-GUARD') {
  fill(await screen.findByLabelText('办件编号'), caseNumber);
  fill('办理事项', 'demo-item-1');
  fill('窗口', 'demo-w1');
  fill('工作人员', 'demo-s1');
  fill('办理日期', '2026-11-20');
  fireEvent.click(screen.getByLabelText('满意'));
  fill('评价人姓名', '赵六');
}

describe('the paper form, guarded', () => {
  it('saves one record however often submit is tapped while the duplicate check waits', async () => {
    renderForm();
    await fillValidForm();
    fireEvent.click(submitButton());
    fireEvent.click(submitButton()); // before React has re-rendered
    await waitFor(() => expect(duplicateChecks).toHaveLength(1));
    expect(submitButton().disabled).toBe(true);
    fireEvent.click(submitButton());
    fireEvent.submit(submitButton().form!); // Enter in a field submits past a disabled button
    releaseChecks();
    await screen.findByText(/办件 QH-GUARD 的评价表已保存在本机/);
    // A second submission would have asked again, before or after the release: the count is read once all is saved.
    expect(duplicateChecks).toHaveLength(1);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.ratings.count()).toBe(1);
    expect(submitButton().disabled).toBe(false);
  });

  it("offers only the typist's own window, preselected, and never the typist as the person rated", async () => {
    renderForm();
    const windowSelect = (await screen.findByLabelText('窗口')) as HTMLSelectElement;
    expect(windowSelect.value).toBe('demo-w1');
    expect([...windowSelect.options].map((o) => o.value)).toEqual(['', 'demo-w1']);
    const staff = screen.getByLabelText('工作人员') as HTMLSelectElement;
    expect([...staff.options].map((o) => o.value)).toEqual(['', 'demo-s1']);
    expect(screen.getByText('只能录入本窗口的评价表')).toBeTruthy();
    expect(screen.getByText('不能录入评价您本人的评价表')).toBeTruthy();
    // No checker is named while typing: the check is confirmed later from the checker's own session.
    expect(screen.queryByLabelText('复核人')).toBeNull();
    expect(screen.getByTestId('check-note').textContent).toMatch(/待核对/);
  });

  it('drops a staff member kept by a draft of another window, and says why a form for another window is refused', async () => {
    renderForm();
    await fillValidForm();
    const staff = screen.getByLabelText('工作人员') as HTMLSelectElement;
    expect(staff.value).toBe('demo-s1');
    // A draft saved before this rule may name another window; that window is not offered and is refused.
    const windowSelect = screen.getByLabelText('窗口') as HTMLSelectElement;
    windowSelect.add(new Option('2号窗口', 'demo-w2'));
    fill(windowSelect, 'demo-w2');
    await waitFor(() => expect(staff.value).toBe(''));
    fireEvent.click(submitButton());
    expect(await screen.findByText('只能录入本窗口的评价表', { selector: '.field-error' })).toBeTruthy();
    expect(await db.outbox.count()).toBe(0);
  });

  it('cannot be submitted while the photo is being resized, and stores the photo with its own form', async () => {
    const resizing = deferred<{ blob: Blob; width: number; height: number }>();
    vi.mocked(resizePhoto).mockReturnValue(resizing.promise as ReturnType<typeof resizePhoto>);
    renderForm();
    await fillValidForm();
    fireEvent.change(screen.getByTestId('paper-photo-input'), { target: { files: [new File(['x'], 'paper.jpg', { type: 'image/jpeg' })] } });
    await screen.findByText('正在处理照片…');
    expect(submitButton().disabled).toBe(true);
    expect(screen.getByText('照片处理完成后才能保存。')).toBeTruthy();
    expect((screen.getByRole('button', { name: '放弃本次录入' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(submitButton().form!);
    expect(await db.outbox.count()).toBe(0);

    const photo = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], { type: 'image/jpeg' });
    resizing.resolve({ blob: photo, width: 1, height: 1 });
    await screen.findByTestId('paper-photo-size');
    await waitFor(() => expect(submitButton().disabled).toBe(false));
    fireEvent.click(submitButton());
    await waitFor(() => expect(duplicateChecks).toHaveLength(1));
    releaseChecks();
    await screen.findByText(/已保存在本机/);
    // The submission made while resizing never reached the duplicate check: only the one after it did.
    expect(duplicateChecks).toHaveLength(1);
    expect(await db.outbox.count()).toBe(1);
    const [rating] = await db.ratings.toArray();
    expect(rating.record.paper?.hasPhoto).toBe(true);
    expect((await db.photos.get(rating.id))?.enteredBy).toBe(me.id);
    // Nothing is carried over to the next form.
    expect(await db.photos.get(`draft:${me.id}`)).toBeUndefined();
    // The preview follows the draft photo's removal (read back from IndexedDB): wait for it, not for a moment.
    await waitFor(() => expect(screen.queryByTestId('paper-photo-preview')).toBeNull());
  });

  it('locks the fields and the photo while the duplicate warning waits for a decision', async () => {
    renderForm();
    await fillValidForm('QH-DUP');
    fireEvent.click(submitButton());
    await waitFor(() => expect(duplicateChecks).toHaveLength(1));
    releaseChecks();
    await screen.findByText(/办件 QH-DUP 的评价表已保存在本机/);
    fill('办件编号', 'QH-DUP');
    fireEvent.click(screen.getByLabelText('满意'));
    fill('评价人姓名', '赵六');
    fireEvent.click(submitButton());
    await waitFor(() => expect(duplicateChecks).toHaveLength(2));
    releaseChecks();
    await screen.findByText(/似乎已录入过同一评价人、同一等级的评价表/);
    expect(screen.getByText(/在您作出决定前，表单不能修改/)).toBeTruthy();
    for (const field of ['办件编号', '窗口', '工作人员', '评价人姓名']) expect(screen.getByLabelText(field).matches(':disabled')).toBe(true);
    expect(screen.getByTestId('paper-photo-input').matches(':disabled')).toBe(true);
    expect((screen.getByRole('button', { name: '放弃本次录入' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '返回修改' }));
    await waitFor(() => expect(screen.getByLabelText('办件编号').matches(':disabled')).toBe(false));
    expect(screen.getByTestId('paper-photo-input').matches(':disabled')).toBe(false);
    expect(await db.outbox.count()).toBe(1);
  });

  it('does not use a catalogue saved for another unit', async () => {
    await setMeta(db, 'paperFormConfig', { ...config, unit: { id: 'other-unit', name: label('其他单位') } });
    renderForm();
    expect(await screen.findByText(/尚未取得本单位的事项与人员信息/)).toBeTruthy();
    expect(screen.queryByLabelText('办件编号')).toBeNull();
  });

  it('uses the saved catalogue of the signed-in person\'s unit offline', async () => {
    renderForm();
    expect(await screen.findByLabelText('办件编号')).toBeTruthy();
  });
});
