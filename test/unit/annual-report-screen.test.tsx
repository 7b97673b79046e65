// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../src/domain/account-api';
import type { AnnualReport } from '../../src/domain/figures/annual-api';
import { emptySubtotal } from '../../src/domain/figures/annual-groups';
import { DEFAULT_REASONS } from '../../src/domain/reasons';
import { initI18n, loadNamespace } from '../../src/i18n';
import AnnualReportScreen from '../../src/reports/annual/AnnualReportScreen';

const supervision: Me = { id: 'demo-supervision', name: '孙伟', employeeNo: 'D9002', unitId: 'demo-unit', windowId: null, roles: ['SUPERVISION'], photoUrl: null, mustChangePassword: false };
const label = (s: string) => ({ 'zh-CN': s, en: s, bo: s });

/** A province's year: two units with 1,000 bad reviews each (their entries left out: the screen lists subtotals). */
function bigYear(year: number, unitId: string | null): AnnualReport {
  const sub = { ...emptySubtotal(), total: 1_000, counted: 990 };
  return {
    year, generatedAt: Date.now(), unitId,
    units: unitId ? [{ unitId, windows: [], subtotal: sub }] : ['u1', 'u2'].map((u) => ({ unitId: u, windows: [], subtotal: sub })),
    total: { ...emptySubtotal(), total: unitId ? 1_000 : 2_000 },
    refs: { units: [{ id: 'u1', name: label('甲单位') }, { id: 'u2', name: label('乙单位') }], windows: [], staff: [], reasons: [...DEFAULT_REASONS], serviceItems: [] },
  };
}

const asked: string[] = [];
beforeAll(async () => {
  await initI18n();
  await loadNamespace('staff');
  await loadNamespace('annual');
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-03T02:00:00Z')); // 10:00 on 3 December in China
  vi.stubGlobal('fetch', async (url: string) => {
    asked.push(url);
    const q = new URL(url, 'http://localhost').searchParams;
    return new Response(JSON.stringify(bigYear(Number(q.get('year')), q.get('unitId'))), { status: 200, headers: { 'content-type': 'application/json' } });
  });
});
afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});
afterEach(cleanup);

describe('the annual report screen', () => {
  it('defaults to this year, reminds in December, lists a big year by unit subtotal and opens one unit', async () => {
    render(<AnnualReportScreen me={supervision} />);
    await screen.findByTestId('annual-reminder');
    expect(screen.getByTestId('annual-reminder').textContent).toContain('2026');
    await screen.findByText(/全部单位共 2000 条差评/);
    expect(asked[0]).toBe('/api/v1/reports/annual?year=2026');
    expect(screen.getByRole('link', { name: '下载 XLSX' }).getAttribute('href')).toBe('/api/v1/reports/annual?year=2026&format=xlsx');
    fireEvent.click(screen.getAllByRole('button', { name: '查看本单位' })[1]!);
    await waitFor(() => expect(asked.at(-1)).toBe('/api/v1/reports/annual?year=2026&unitId=u2'));
    await screen.findByRole('heading', { name: '2026年度差评整改情况报告（乙单位）', level: 1 });
    expect(screen.getByRole('link', { name: '下载 XLSX' }).getAttribute('href')).toBe('/api/v1/reports/annual?year=2026&unitId=u2&format=xlsx');
    // Another year: no reminder (it is about this year's report).
    fireEvent.change(screen.getByLabelText('年度'), { target: { value: '2025' } });
    await waitFor(() => expect(asked.at(-1)).toBe('/api/v1/reports/annual?year=2025&unitId=u2'));
    expect(screen.queryByTestId('annual-reminder')).toBeNull();
  }, 60_000);
});
