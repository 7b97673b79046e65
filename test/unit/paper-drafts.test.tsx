// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clearPersonalData } from '../../src/account/session';
import { AppServicesContext } from '../../src/app-context';
import type { KioskDatabase } from '../../src/data/db';
import { setMeta } from '../../src/data/meta';
import { readPaperDraft } from '../../src/data/paper-draft';
import type { Me } from '../../src/domain/account-api';
import type { PaperFormConfig } from '../../src/domain/paper-api';
import { DEFAULT_REASONS } from '../../src/domain/reasons';
import { PaperFormScreen } from '../../src/form/PaperFormScreen';
import { initI18n, loadNamespace } from '../../src/i18n';
import { freshDb } from '../support/kiosk-fixtures';

const label = (zh: string) => ({ 'zh-CN': zh, en: zh, bo: zh });
const config: PaperFormConfig = {
  unit: { id: 'demo-unit', name: label('演示单位') },
  windows: [{ id: 'demo-w1', number: '1', name: label('1号窗口') }],
  staff: [
    { id: 'demo-s1', name: '李明', employeeNo: 'D1001', windowId: 'demo-w1' },
    { id: 'demo-s2', name: '王芳', employeeNo: 'D1002', windowId: 'demo-w1' },
  ],
  serviceItems: [{ id: 'demo-item-1', code: 'DEMO-001', name: label('企业投资项目备案') }],
  reasons: [...DEFAULT_REASONS],
  fetchedAt: 1,
};
const person = (id: string, name: string, employeeNo: string): Me => ({ id, name, employeeNo, unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF', 'LEAD'], photoUrl: null, mustChangePassword: false });
const wang = person('demo-s2', '王芳', 'D1002');
const li = person('demo-s1', '李明', 'D1001');

let db: KioskDatabase;
const renderFormFor = (me: Me) =>
  render(
    <AppServicesContext.Provider value={{ db, sync: { trigger: async () => undefined } }}>
      <PaperFormScreen me={me} />
    </AppServicesContext.Provider>,
  );
const caseField = () => screen.findByLabelText('办件编号') as Promise<HTMLInputElement>;
const fill = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });

beforeAll(async () => {
  await initI18n();
  await loadNamespace('form');
});
beforeEach(async () => {
  db = await freshDb();
  await setMeta(db, 'paperFormConfig', config);
});
afterEach(cleanup);

describe('paper-form drafts on a shared tablet', () => {
  it('are one per person: a colleague neither sees nor overwrites mine', async () => {
    const first = renderFormFor(wang);
    fill(await caseField(), 'QH-WANG');
    await waitFor(async () => expect((await readPaperDraft(db, wang.id))?.values.caseNumber).toBe('QH-WANG'), { timeout: 10_000 });
    first.unmount();

    const second = renderFormFor(li);
    expect((await caseField()).value).toBe('');
    fill(await caseField(), 'QH-LI');
    await waitFor(async () => expect((await readPaperDraft(db, li.id))?.values.caseNumber).toBe('QH-LI'), { timeout: 10_000 });
    second.unmount();

    expect((await readPaperDraft(db, wang.id))?.values.caseNumber).toBe('QH-WANG');
    renderFormFor(wang);
    await waitFor(async () => expect((await caseField()).value).toBe('QH-WANG'));
  });

  it('are saved at once when the page is hidden, not dropped with a pending save', async () => {
    const view = renderFormFor(wang);
    fill(await caseField(), 'QH-HIDDEN');
    // The tablet goes to sleep (or the tab is closed) within the save delay.
    window.dispatchEvent(new Event('pagehide'));
    view.unmount();
    await waitFor(async () => expect((await readPaperDraft(db, wang.id))?.values.caseNumber).toBe('QH-HIDDEN'));
  });

  it('are saved when the page becomes hidden', async () => {
    const view = renderFormFor(wang);
    fill(await caseField(), 'QH-VIS');
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      // Unmounting cancels the delayed save: only the hide can have written it, however slow the machine.
      view.unmount();
      await waitFor(async () => expect((await readPaperDraft(db, wang.id))?.values.caseNumber).toBe('QH-VIS'), { timeout: 10_000 });
    } finally {
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    }
  });

  it('leave the tablet with the person at sign-out, photo included', async () => {
    await setMeta(db, 'me', wang);
    const view = renderFormFor(wang);
    fill(await caseField(), 'QH-GONE');
    await waitFor(async () => expect(await readPaperDraft(db, wang.id)).toBeTruthy(), { timeout: 10_000 });
    view.unmount();
    await db.photos.put({ id: `draft:${wang.id}`, blob: new Blob(['x']), state: 'waiting', createdAt: 1 });
    // A draft in the slot older versions shared is cleared too.
    await db.meta.put({ key: 'paperDraft', value: { userId: wang.id, values: {}, savedAt: 1 } });
    await clearPersonalData(db);
    expect(await readPaperDraft(db, wang.id)).toBeUndefined();
    expect(await db.photos.get(`draft:${wang.id}`)).toBeUndefined();
    expect(await db.meta.get('paperDraft')).toBeUndefined();
  });
});
