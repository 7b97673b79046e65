// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppServicesContext } from '../../src/app-context';
import type { KioskDatabase } from '../../src/data/db';
import type { Me } from '../../src/domain/account-api';
import type { PaperFormConfig } from '../../src/domain/paper-api';
import type { PaperCheckItem, PaperChecksResponse } from '../../src/domain/paper-check';
import { DEFAULT_REASONS } from '../../src/domain/reasons';
import { ApiRequestError } from '../../src/account/api-client';
import { PaperChecks, type PaperChecksApi } from '../../src/form/PaperChecks';
import { loadFormTexts, openPaperTablet } from '../support/paper-fixtures';

const label = (zh: string) => ({ 'zh-CN': zh, en: zh, bo: zh });
const config: PaperFormConfig = {
  unit: { id: 'demo-unit', name: label('演示单位') },
  windows: [{ id: 'demo-w1', number: '1', name: label('1号窗口') }],
  staff: [],
  serviceItems: [{ id: 'demo-item-1', code: 'DEMO-001', name: label('企业投资项目备案') }],
  reasons: [...DEFAULT_REASONS],
  fetchedAt: 1,
};
const checker: Me = { id: 'demo-s4', name: '卓玛', employeeNo: 'D1004', unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF'], photoUrl: null, mustChangePassword: false };
const form = (id: string, caseNumber: string): PaperCheckItem => ({
  id,
  caseNumber,
  serviceItemId: 'demo-item-1',
  serviceDate: '2026-11-20',
  windowId: 'demo-w1',
  staffId: 'demo-s1',
  level: 'DISSATISFIED',
  reasons: ['ATTITUDE'],
  otherReason: null,
  comment: '等了很久',
  contact: { name: '马*', phone: '137****1111' },
  enteredBy: 'demo-s2',
  hasPhoto: false,
  receivedAt: Date.UTC(2026, 10, 21, 2, 0),
});
const people = [
  { id: 'demo-s1', name: '李明', employeeNo: 'D1001' },
  { id: 'demo-s2', name: '王芳', employeeNo: 'D1002' },
];

/** The server's side held in memory: what it lists, and who confirmed what. */
function serverSide(start: PaperChecksResponse) {
  const state = { ...start, confirmed: [] as string[] };
  const api: PaperChecksApi = {
    load: async () => state,
    confirm: async (id) => {
      if (!state.toCheck.some((f) => f.id === id)) throw new ApiRequestError(409, 'ALREADY_CHECKED', 'checked');
      state.toCheck = state.toCheck.filter((f) => f.id !== id);
      state.confirmed.push(id);
      return { id, checkedBy: checker.id, checkedAt: 1 };
    },
  };
  return { state, api };
}

let db: KioskDatabase;
beforeAll(loadFormTexts);
beforeEach(async () => {
  db = await openPaperTablet(config); // saved by the form above it
});
const show = (who: Me, api: PaperChecksApi) =>
  render(
    <AppServicesContext.Provider value={{ db, sync: { trigger: async () => undefined } }}>
      <PaperChecks me={who} api={api} />
    </AppServicesContext.Provider>,
  );
afterEach(cleanup);

describe('checking typed-in forms', () => {
  it('lists the forms waiting for this person, with what to compare, and confirms one from their session', async () => {
    const { state, api } = serverSide({ toCheck: [form('f1', 'QH-1'), form('f2', 'QH-2')], mine: [], staff: people });
    show(checker, api);
    const items = await screen.findAllByTestId('to-check');
    expect(items).toHaveLength(2);
    const first = within(items[0]);
    for (const text of ['QH-1', 'DEMO-001 · 企业投资项目备案', '李明（工号 D1001）', '2026-11-20', '137****1111', '等了很久']) expect(first.getByText(text, { exact: false })).toBeTruthy();
    expect(first.getByText(/王芳/)).toBeTruthy(); // who typed it in
    fireEvent.click(first.getByRole('button', { name: '与纸质表一致，确认核对' }));
    expect(await screen.findByText('已确认核对办件 QH-1 的评价表，现已计入统计。')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('to-check')).toHaveLength(1));
    expect(state.confirmed).toEqual(['f1']);
  });

  it("shows the typist's own forms as waiting for a check", async () => {
    const { api } = serverSide({ toCheck: [], mine: [form('f3', 'QH-3')], staff: people });
    show({ ...checker, id: 'demo-s2' }, api);
    const mine = await screen.findByTestId('mine-waiting');
    expect(mine.textContent).toContain('QH-3');
    expect(within(mine).getByText('待核对')).toBeTruthy();
    expect(screen.getByText('目前没有需要您核对的评价表。')).toBeTruthy();
  });

  it('says when the check cannot be reached or is refused', async () => {
    const { api } = serverSide({ toCheck: [form('f1', 'QH-1')], mine: [], staff: people });
    show(checker, { ...api, confirm: async () => Promise.reject(new ApiRequestError(409, 'ALREADY_CHECKED', 'x')) });
    fireEvent.click(await screen.findByRole('button', { name: '与纸质表一致，确认核对' }));
    expect(await screen.findByText(/这张表无法由您核对/)).toBeTruthy();
    cleanup();
    show(checker, { ...api, load: async () => Promise.reject(new ApiRequestError(0, 'NETWORK', 'offline')) });
    expect(await screen.findByText(/核对需要联网/)).toBeTruthy();
  });
});
