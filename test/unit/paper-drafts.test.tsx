// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clearPersonalData } from '../../src/account/session';
import type { KioskDatabase } from '../../src/data/db';
import { setMeta } from '../../src/data/meta';
import { readPaperDraft } from '../../src/data/paper-draft';
import type { Me } from '../../src/domain/account-api';
import { loadFormTexts, openPaperTablet, paperConfig, renderPaperForm, windowOnePerson } from '../support/paper-fixtures';

const config = paperConfig;
const person = windowOnePerson;
const wang = person('demo-s2', '王芳', 'D1002');
const li = person('demo-s1', '李明', 'D1001');

let db: KioskDatabase;
const renderFormFor = (me: Me) => renderPaperForm(db, me);
const caseField = () => screen.findByLabelText('办件编号') as Promise<HTMLInputElement>;
const fill = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });

beforeAll(loadFormTexts);
beforeEach(async () => {
  db = await openPaperTablet(config);
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
