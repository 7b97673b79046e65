import { render } from '@testing-library/react';
import { AppServicesContext } from '../../src/app-context';
import type { KioskDatabase } from '../../src/data/db';
import { setMeta } from '../../src/data/meta';
import type { Me } from '../../src/domain/account-api';
import type { PaperFormConfig } from '../../src/domain/paper-api';
import { DEFAULT_REASONS } from '../../src/domain/reasons';
import { PaperFormScreen } from '../../src/form/PaperFormScreen';
import { initI18n, loadNamespace } from '../../src/i18n';
import { freshDb } from './kiosk-fixtures';

/** The same text in every language: enough for forms that tests read in Chinese. */
export const label = (zh: string) => ({ 'zh-CN': zh, en: zh, bo: zh });

/** Window 1 of the demo unit as the paper-form configuration carries it: 李明 and 王芳, one service item. */
export const paperConfig: PaperFormConfig = {
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

/** A person of window 1 who types forms in (the window's lead too). */
export const windowOnePerson = (id: string, name: string, employeeNo: string): Me => ({
  id, name, employeeNo, unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF', 'LEAD'], photoUrl: null, mustChangePassword: false,
});
/** 王芳, who types the forms in most tests. */
export const typist = windowOnePerson('demo-s2', '王芳', 'D1002');

/** The /form screen for one person, on a tablet database, with a sync that does nothing. */
export const renderPaperForm = (db: KioskDatabase, me: Me = typist) =>
  render(
    <AppServicesContext.Provider value={{ db, sync: { trigger: async () => undefined } }}>
      <PaperFormScreen me={me} />
    </AppServicesContext.Provider>,
  );

/** The Chinese texts of /form, for a file's beforeAll. */
export async function loadFormTexts() {
  await initI18n();
  await loadNamespace('form');
}

/**
 * A fresh tablet database holding the unit's catalogue as the form saved it at the last sign-in: the tests' server
 * is out of reach, so the form works from that copy.
 */
export async function openPaperTablet(config: PaperFormConfig = paperConfig): Promise<KioskDatabase> {
  const db = await freshDb();
  await setMeta(db, 'paperFormConfig', config);
  return db;
}
