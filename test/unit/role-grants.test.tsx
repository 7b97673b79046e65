// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RoleGrants } from '../../src/admin/staff/RoleGrants';
import type { PendingRoleGrant } from '../../src/domain/admin-api';
import { initI18n, loadNamespace } from '../../src/i18n';

const grant = (id: string, staffId: string, requestedBy: string): PendingRoleGrant => ({
  id, staffId, staffName: `人员${id}`, employeeNo: `N${id}`, roles: ['SUPERVISION'], oldRoles: ['STAFF'], requestedBy, requestedByName: '另一管理员', requestedAt: 1764236400000,
});

beforeAll(async () => {
  await initI18n();
  await loadNamespace('staff');
  await loadNamespace('admin');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('role grants waiting for a second administrator', () => {
  it('offers Approve only on grants this administrator neither asked for nor receives, and sends the decision', async () => {
    let pending = [grant('1', 'demo-s1', 'admin-b'), grant('2', 'demo-s3', 'me'), grant('3', 'me', 'admin-b')];
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push(`${init.method} ${url}`);
        if (init.method === 'POST') pending = pending.filter((g) => !String(url).includes(`/${g.id}/`));
        return new Response(JSON.stringify(init.method === 'GET' ? { grants: pending } : { roles: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
      }),
    );
    const onDecided = vi.fn(async () => undefined);
    render(<RoleGrants selfId="me" staffVersion={1} onDecided={onDecided} />);
    const items = await screen.findAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(within(items[0]).getByText(/人员1（工号 N1）：授予 机关党委\/纪委/)).toBeTruthy();
    expect(within(items[0]).queryByRole('button', { name: '批准' })).toBeTruthy();
    expect(within(items[1]).queryByRole('button', { name: '批准' })).toBeNull();
    expect(within(items[1]).getByText(/由您提出/)).toBeTruthy();
    expect(within(items[1]).getByRole('button', { name: '撤回' })).toBeTruthy();
    expect(within(items[2]).queryByRole('button', { name: '批准' })).toBeNull();
    expect(within(items[2]).getByText(/授予的是您本人/)).toBeTruthy();
    fireEvent.click(within(items[0]).getByRole('button', { name: '批准' }));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2));
    expect(calls).toContain('POST /api/v1/admin/role-grants/1/approve');
    expect(onDecided).toHaveBeenCalled();
  });
});
