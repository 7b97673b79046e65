// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppServicesContext } from '../../src/app-context';
import type { KioskDatabase } from '../../src/data/db';
import { msToChinaWallClock } from '../../src/domain/tablet-service-case';
import { initI18n, loadNamespace, setLanguage } from '../../src/i18n';
import { ServiceCaseForm } from '../../src/service-cases/ServiceCaseForm';
import { freshDb } from '../support/kiosk-fixtures';
import { paperConfig, windowOnePerson } from '../support/paper-fixtures';

// The 办件 form in the browser's DOM: messages next to each field in the user's language, nothing written until
// the entry is valid, then one record and its outbox entry in the 'serviceCase' stream.

const me = { ...windowOnePerson('demo-s1', '李明', 'D1001'), windowId: 'demo-w1' };
let triggered = 0;
const renderForm = (db: KioskDatabase, onSaved: (caseNo: string) => void = () => undefined) =>
  render(
    <AppServicesContext.Provider value={{ db, sync: { trigger: async () => void triggered++ } }}>
      <ServiceCaseForm me={me} config={paperConfig} onSaved={onSaved} />
    </AppServicesContext.Provider>,
  );
const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

beforeAll(async () => {
  await initI18n();
  await setLanguage('en');
  await Promise.all([loadNamespace('serviceCases'), loadNamespace('staff')]);
});
afterAll(() => setLanguage('zh-CN'));
afterEach(cleanup);

describe('the 办件 form', () => {
  it('says in English what is missing or wrong, next to each field, and writes nothing', async () => {
    const db = await freshDb();
    renderForm(db);
    fill('Accepted at', '');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findAllByText('Please fill this in.')).toHaveLength(5);
    const caseNo = screen.getByLabelText('Case number (办件编号)');
    expect(caseNo.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(caseNo.getAttribute('aria-describedby')!)?.textContent).toBe('Please fill this in.');

    fill('Case number (办件编号)', 'QH-1');
    fill('Service item', 'demo-item-1');
    fireEvent.click(screen.getByLabelText('Individual'));
    fill('Accepted at', msToChinaWallClock(Date.now() + 3_600_000));
    fill('Status', 'IN_PROGRESS');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The time cannot be later than now.')).toBeTruthy();
    fill('Accepted at', msToChinaWallClock(Date.now() - 3_600_000));
    fill('Finished at', msToChinaWallClock(Date.now() - 60_000));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('A case accepted or in progress has no finishing time yet.')).toBeTruthy();
    expect(screen.queryByText('The time cannot be later than now.')).toBeNull();
    expect(await db.outbox.count()).toBe(0);
  });

  it('writes a valid entry with its outbox entry, starts a sync and a fresh form', async () => {
    const db = await freshDb();
    const saved: string[] = [];
    renderForm(db, (caseNo) => saved.push(caseNo));
    const before = triggered;
    const accepted = msToChinaWallClock(Date.now() - 30 * 60_000);
    fill('Case number (办件编号)', ' QH-2 ');
    fill('Service item', 'demo-item-1');
    fireEvent.click(screen.getByLabelText('Legal person'));
    fill('Accepted at', accepted);
    fill('Status', 'FINISHED');
    fill('Finished at', msToChinaWallClock(Date.now() - 60_000));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await expect.poll(() => saved).toEqual(['QH-2']);
    const [item] = await db.outbox.toArray();
    expect(item).toMatchObject({ stream: 'serviceCase', state: 'pending' });
    expect((await db.serviceCases.get(item.id))?.record).toMatchObject({ caseNo: 'QH-2', enteredBy: 'demo-s1', windowId: 'demo-w1', unitId: 'demo-unit', applicantType: 'LEGAL_PERSON', status: 'FINISHED' });
    expect(triggered).toBe(before + 1);
    expect((screen.getByLabelText('Case number (办件编号)') as HTMLInputElement).value).toBe('');
  });
});
