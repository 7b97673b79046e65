// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CaseActions } from '../../src/cases/CaseActions';
import type { Me } from '../../src/domain/account-api';
import { replay, type CaseAction, type CaseEvent, type CaseFacts } from '../../src/domain/case-machine';
import { cstDate } from '../../src/domain/time';
import { addDays } from '../../src/domain/workdays';
import { initI18n, loadNamespace } from '../../src/i18n';

const staff: Me = { id: 'demo-s1', name: '李明', employeeNo: 'D1001', unitId: 'demo-unit', windowId: 'demo-w1', roles: ['STAFF'], photoUrl: null, mustChangePassword: false };
const supervision: Me = { ...staff, id: 'demo-supervision', employeeNo: 'D9002', windowId: null, roles: ['SUPERVISION'] };
const lead: Me = { ...staff, id: 'demo-s2', name: '王芳', employeeNo: 'D1002', roles: ['STAFF', 'LEAD'] };
const facts: CaseFacts = { id: 'c1', staffId: 'demo-s1', windowId: 'demo-w1', unitId: 'demo-unit', anonymous: false, receivedAt: Date.UTC(2026, 10, 20, 2) };
const approvers = [
  { id: 'demo-s1', name: '李明', employeeNo: 'D1001', roles: ['STAFF' as const, 'LEAD' as const], windowId: 'demo-w1' },
  { id: 'demo-s2', name: '王芳', employeeNo: 'D1002', roles: ['STAFF' as const, 'LEAD' as const], windowId: 'demo-w1' },
  // A lead of another window of the same unit: the server would refuse them, so the form never offers them.
  { id: 'demo-s4', name: '扎西', employeeNo: 'D2002', roles: ['LEAD' as const], windowId: 'demo-w2' },
  { id: 'demo-supervision', name: '孙伟', employeeNo: 'D9002', roles: ['SUPERVISION' as const], windowId: null },
];
const today = cstDate(Date.now());
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
    expect([...approver.options].map((o) => o.value)).toEqual(['', 'demo-s2', 'demo-supervision']);
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
    // Past the cap (60 days by default): said next to the field, with the latest date allowed.
    const deadline = within(form).getByLabelText('整改期限');
    fireEvent.change(deadline, { target: { value: addDays(today, 61) } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await within(form).findByText(`期限最迟为 ${addDays(today, 60)}（60 天内）`);
    expect(deadline.getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual([]);
    fireEvent.change(deadline, { target: { value: addDays(today, 30) } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await screen.findByRole('button', { name: '处理决定' });
    expect(sent).toEqual([{ type: 'DECIDE', path: 'SPECIAL', explanation: '需上级部门系统升级', deadline: addDays(today, 30) }]);
  });

  it('takes the cap from the server’s settings', async () => {
    const sent: CaseAction[] = [];
    render(<CaseActions me={staff} facts={facts} state={replay(facts, [calledBack])} approvers={approvers} rules={{ specialDeadlineMaxDays: 10, clockSkewMs: 60_000 }} onAct={async (a) => void sent.push(a)} />);
    fireEvent.click(screen.getByRole('button', { name: '处理决定' }));
    const form = screen.getByRole('form', { name: '处理决定' });
    fireEvent.change(within(form).getByLabelText('处理方式'), { target: { value: 'SPECIAL' } });
    fireEvent.change(within(form).getByLabelText('情况说明'), { target: { value: '需上级部门系统升级' } });
    fireEvent.change(within(form).getByLabelText('整改期限'), { target: { value: addDays(today, 11) } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await within(form).findByText(`期限最迟为 ${addDays(today, 10)}（10 天内）`);
    expect(sent).toEqual([]);
  });

  it('offers approve and send back to the named approver only, and asks why it is sent back', async () => {
    const notAdopted: CaseEvent = {
      id: 'e2',
      action: { type: 'DECIDE', path: 'NOT_ADOPTED', reason: 'MISTAKEN', evidence: '评价人确认误点', approverId: 'demo-s2' },
      by: 'demo-s1',
      at: facts.receivedAt + 2000,
    };
    renderActions(staff, [calledBack, notAdopted]);
    expect(screen.queryAllByRole('button')).toEqual([]); // the rated person waits: 待审批
    cleanup();
    renderActions(supervision, [calledBack, notAdopted]);
    expect(screen.queryAllByRole('button')).toEqual([]); // not the approver named
    cleanup();
    const sent = renderActions(lead, [calledBack, notAdopted]);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['批准', '退回']);
    fireEvent.click(screen.getByRole('button', { name: '退回' }));
    const form = screen.getByRole('form', { name: '退回' });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await within(form).findByText('此项必填');
    fireEvent.change(within(form).getByLabelText('退回理由'), { target: { value: '证据不足，请补充录像' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await screen.findByRole('button', { name: '批准' });
    fireEvent.click(screen.getByRole('button', { name: '批准' }));
    await screen.findByRole('button', { name: '批准' });
    expect(sent).toEqual([{ type: 'REFUSE_APPROVAL', reason: '证据不足，请补充录像' }, { type: 'APPROVE' }]);
  });
});
