// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CaseActions } from '../../src/cases/CaseActions';
import type { Me } from '../../src/domain/account-api';
import { replay, type CaseAction, type CaseEvent, type CaseFacts } from '../../src/domain/case-machine';
import { initI18n, loadNamespace } from '../../src/i18n';

const staff: Me = { id: 'demo-s1', name: '李明', employeeNo: 'D1001', unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF'], photoUrl: null, mustChangePassword: false };
const supervision: Me = { ...staff, id: 'demo-supervision', employeeNo: 'D9002', windowId: null, roles: ['SUPERVISION'] };
const facts: CaseFacts = { id: 'c1', staffId: 'demo-s1', windowId: 'demo-w1', unitId: 'demo-unit', anonymous: false, receivedAt: Date.UTC(2026, 10, 20, 2) };
const approvers = [
  { id: 'demo-s1', name: '李明', employeeNo: 'D1001' },
  { id: 'demo-s2', name: '王芳', employeeNo: 'D1002' },
];
const calledBack: CaseEvent = { id: 'e1', action: { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' }, by: 'demo-s1', at: facts.receivedAt + 1000 };

function renderActions(me: Me, events: CaseEvent[], theFacts: CaseFacts = facts) {
  const sent: CaseAction[] = [];
  const state = replay(theFacts, events);
  render(<CaseActions me={me} facts={theFacts} state={state} approvers={approvers} onAct={async (a) => void sent.push(a)} />);
  return sent;
}

beforeAll(async () => {
  await initI18n();
  await loadNamespace('cases');
});
afterEach(cleanup);

describe('the step forms of a case', () => {
  it('offers only the steps the case allows now', () => {
    renderActions(staff, []);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['记录回访']);
    cleanup();
    renderActions(staff, [], { ...facts, anonymous: true });
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['处理决定']);
    cleanup();
    renderActions(supervision, [calledBack]);
    expect(screen.queryAllByRole('button')).toEqual([]); // supervision watches and reopens; it does not handle
  });

  it('refuses a 不予采纳 without evidence and approver next to the fields, and never lists the rated person as approver', async () => {
    const sent = renderActions(staff, [calledBack]);
    fireEvent.click(screen.getByRole('button', { name: '处理决定' }));
    const form = screen.getByRole('form', { name: '处理决定' });
    fireEvent.change(within(form).getByLabelText('处理方式'), { target: { value: 'NOT_ADOPTED' } });
    const approver = within(form).getByLabelText('审批人') as HTMLSelectElement;
    expect([...approver.options].map((o) => o.value)).toEqual(['', 'demo-s2']);
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect(await within(form).findAllByText('此项必填')).toHaveLength(2);
    expect(within(form).getByLabelText('核实依据').getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual([]);

    fireEvent.change(within(form).getByLabelText('不予采纳理由'), { target: { value: 'MALICIOUS' } });
    fireEvent.change(within(form).getByLabelText('核实依据'), { target: { value: '监控录像显示当事人未办理业务' } });
    fireEvent.change(approver, { target: { value: 'demo-s2' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await screen.findByRole('button', { name: '处理决定' });
    expect(sent).toEqual([{ type: 'DECIDE', path: 'NOT_ADOPTED', reason: 'MALICIOUS', evidence: '监控录像显示当事人未办理业务', approverId: 'demo-s2' }]);
  });

  it('asks a special case for its explanation and explicit deadline', async () => {
    const sent = renderActions(staff, [calledBack]);
    fireEvent.click(screen.getByRole('button', { name: '处理决定' }));
    const form = screen.getByRole('form', { name: '处理决定' });
    fireEvent.change(within(form).getByLabelText('处理方式'), { target: { value: 'SPECIAL' } });
    fireEvent.change(within(form).getByLabelText('情况说明'), { target: { value: '需上级部门系统升级' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect(await within(form).findAllByText('此项必填')).toHaveLength(1);
    fireEvent.change(within(form).getByLabelText('整改期限'), { target: { value: '2026-12-31' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await screen.findByRole('button', { name: '处理决定' });
    expect(sent).toEqual([{ type: 'DECIDE', path: 'SPECIAL', explanation: '需上级部门系统升级', deadline: '2026-12-31' }]);
  });
});
