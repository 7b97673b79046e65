// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppServicesContext } from '../../src/app-context';
import { CasesScreen } from '../../src/cases/CasesScreen';
import type { KioskDatabase } from '../../src/data/db';
import { setMeta } from '../../src/data/meta';
import type { Me } from '../../src/domain/account-api';
import type { CaseListResponse, CaseView } from '../../src/domain/case-api';
import { DEFAULT_CASE_RULES } from '../../src/domain/case-intake';
import type { CaseAction } from '../../src/domain/case-machine';
import { uuidv7 } from '../../src/domain/ids';
import { DEFAULT_REASONS } from '../../src/domain/reasons';
import { initI18n, loadNamespace } from '../../src/i18n';
import { freshDb } from '../support/kiosk-fixtures';

const me: Me = { id: 'demo-s1', name: '李明', employeeNo: 'D1001', unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF'], photoUrl: null, mustChangePassword: false };
const receivedAt = Date.now() - 3_600_000;

/** A bad review's case with the steps already taken on it (by the rated clerk unless named), a minute apart. */
function caseWith(anonymous: boolean, actions: (CaseAction | [CaseAction, string])[]): CaseView {
  const id = uuidv7(receivedAt);
  return {
    facts: { id, staffId: 'demo-s1', windowId: 'demo-w1', unitId: 'demo-unit', anonymous, receivedAt },
    events: actions.map((step, i) => {
      const [action, by] = Array.isArray(step) ? step : [step, 'demo-s1'];
      return { id: uuidv7(receivedAt + (i + 1) * 60_000), action, by, at: receivedAt + (i + 1) * 60_000, seq: i + 1 };
    }),
    rating: {
      id,
      level: 'DISSATISFIED',
      reasons: ['ATTITUDE'],
      channel: 'HALL_TABLET',
      unitId: 'demo-unit',
      windowId: 'demo-w1',
      staffId: 'demo-s1',
      ratedAt: receivedAt,
      receivedAt,
      contact: anonymous ? null : { name: '张*', phone: '138****5678' },
      canReveal: !anonymous,
    },
  };
}
const list = (cases: CaseView[]): CaseListResponse => ({
  cases,
  refs: { reasons: [...DEFAULT_REASONS], windows: [{ id: 'demo-w1', number: '1', name: { 'zh-CN': '1号窗口', en: 'Window 1', bo: '1' } }], staff: [{ id: 'demo-s1', name: '李明', employeeNo: 'D1001' }] },
  calendar: [],
  approvers: [],
  rules: DEFAULT_CASE_RULES,
  serverTime: Date.now(),
});
const decided: CaseAction = { type: 'DECIDE', path: 'FIX_WITHIN_5' };
const rectified: CaseAction = { type: 'RECTIFY', what: '窗口服务规范再培训' };

let db: KioskDatabase;
// The server is out of reach here (jsdom has no origin to call): the screen works from the list saved at the last
// load, and a step waits in the outbox, exactly as on a tablet offline.
async function renderCases(cases: CaseView[]) {
  await setMeta(db, 'casesCache', { userId: me.id, fetchedAt: Date.now(), response: list(cases) });
  render(
    <AppServicesContext.Provider value={{ db, sync: { trigger: async () => undefined } }}>
      <CasesScreen me={me} arrivals={0} />
    </AppServicesContext.Provider>,
  );
}

beforeAll(async () => {
  await initI18n();
  await loadNamespace('staff');
  await loadNamespace('cases');
});
beforeEach(async () => {
  db = await freshDb();
});
afterEach(cleanup);

describe('the case list on the clerk’s tablet', () => {
  it('asks before 办结, then says the case was closed and where it went, and the message stays', async () => {
    await renderCases([caseWith(false, [{ type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' }, decided, rectified, { type: 'REPLY', channel: 'PHONE', text: '已答复' }])]);
    const card = await screen.findByRole('region', { name: /的差评$/ });
    fireEvent.click(within(card).getByRole('button', { name: /^办结$/ }));
    // Nothing is queued by the first tap: a question, with the safe answer first.
    const question = within(card).getByRole('group', { name: /确定办结/ });
    expect(within(question).getAllByRole('button').map((b) => b.textContent)).toEqual(['取消', '确定办结']);
    expect(await db.caseActions.count()).toBe(0);
    fireEvent.click(within(question).getByRole('button', { name: '取消' }));
    expect(within(card).queryByRole('group', { name: /确定办结/ })).toBeNull();
    expect(await db.caseActions.count()).toBe(0);

    fireEvent.click(within(card).getByRole('button', { name: /^办结$/ }));
    fireEvent.click(within(card).getByRole('button', { name: '确定办结' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: /的差评$/ })).toBeNull());
    const said = screen.getByTestId('case-closed-note');
    expect(said.textContent).toMatch(/已办结/);
    expect(said.textContent).toMatch(/显示近 30 天已办结/);
    expect(said.closest('[role="status"]')).not.toBeNull();
    expect((await db.caseActions.toArray()).map((a) => a.record.action.type)).toEqual(['CLOSE']);
    // Still there after the next refresh; gone when the clerk says so.
    fireEvent.click(screen.getByRole('button', { name: '刷新' }));
    await waitFor(() => expect(screen.getByTestId('case-closed-note')).toBeTruthy());
    fireEvent.click(within(said).getByRole('button', { name: '知道了' }));
    expect(screen.queryByTestId('case-closed-note')).toBeNull();
  });

  it('an anonymous case, once rectified, reads ready to close, never "待答复"', async () => {
    await renderCases([caseWith(true, [decided, rectified])]);
    const card = await screen.findByRole('region', { name: /的差评$/ });
    expect(card.querySelector('.case-stage')?.textContent).toBe('已整改，待办结');
    expect(card.textContent).not.toMatch(/待答复/);
    expect(within(card).queryByTestId('case-missing')).toBeNull();
    expect(within(card).getByRole('button', { name: /^办结$/ })).toBeTruthy();
  });

  it('an anonymous case names only the steps it needs at each stage', async () => {
    await renderCases([caseWith(true, [decided]), caseWith(true, [{ type: 'DECIDE', path: 'NOT_ADOPTED', reason: 'MISTAKEN', evidence: '录像', approverId: 'demo-s2' }, [{ type: 'APPROVE' }, 'demo-s2']])]);
    await screen.findAllByRole('region', { name: /的差评$/ });
    const stages = [...document.querySelectorAll('.case-stage')].map((s) => s.textContent);
    expect(stages.sort()).toEqual(['已决定，待办结', '已决定，待整改'].sort());
  });
});
