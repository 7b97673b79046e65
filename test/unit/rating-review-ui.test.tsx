// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import { RATING_FLAG_CODES, type RatingFlag } from '../../src/domain/rating-flags';
import { initI18n, loadNamespace, setLanguage } from '../../src/i18n';
import { flagText } from '../../src/staff/flags/flag-text';
import { ReviewForm } from '../../src/staff/flags/ReviewForm';

const ID = '019a0000-0000-7000-8000-000000000001';
const EXAMPLES: Record<(typeof RATING_FLAG_CODES)[number], RatingFlag> = {
  FAST_TAP: { code: 'FAST_TAP', elapsedMs: 640, limitMs: 1500 },
  KIOSK_BURST: { code: 'KIOSK_BURST', key: 'dev-1', count: 7, firstAt: 0, lastAt: 1, maxCount: 5, windowMinutes: 10 },
  WINDOW_QR_BURST: { code: 'WINDOW_QR_BURST', key: 'demo-w1', count: 9, firstAt: 0, lastAt: 1, maxCount: 5, windowMinutes: 10 },
  STAFF_SIGNED_IN: { code: 'STAFF_SIGNED_IN', staffId: 'demo-s1', deviceId: 'dev-1', signedInFrom: Date.parse('2026-10-12T09:30:00+08:00') },
};

beforeAll(async () => {
  await initI18n();
  await loadNamespace('staff');
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await setLanguage('zh-CN');
});

describe('why a rating is flagged', () => {
  it.each(['zh-CN', 'en', 'bo'] as const)('is said in %s for every flag, with its figures', async (lang) => {
    await setLanguage(lang);
    const t = i18next.getFixedT(lang, 'staff');
    for (const code of RATING_FLAG_CODES) {
      const text = flagText(t, EXAMPLES[code]);
      expect(text, code).not.toContain('flags.');
      expect(text, code).not.toContain('{{');
    }
    expect(flagText(t, EXAMPLES.FAST_TAP)).toContain('0.6');
    expect(flagText(t, EXAMPLES.KIOSK_BURST)).toContain('7');
    expect(flagText(t, EXAMPLES.STAFF_SIGNED_IN)).toContain('09:30');
  });
});

describe('supervision review form', () => {
  it('refuses invalid without a note next to the note field, sends nothing; then sends the trimmed note', async () => {
    const saved = { ratingId: ID, verdict: 'INVALID', note: '代按', by: 'demo-supervision', at: 1 };
    const fetch = vi.fn(async () => new Response(JSON.stringify(saved), { status: 200, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    const onSaved = vi.fn();
    render(<ReviewForm ratingId={ID} current={null} onSaved={onSaved} />);
    fireEvent.click(screen.getByLabelText('无效'));
    fireEvent.click(screen.getByRole('button', { name: '保存认定' }));
    const note = screen.getByLabelText('备注');
    await waitFor(() => expect(note.getAttribute('aria-invalid')).toBe('true'));
    expect(note.getAttribute('aria-describedby')).toContain('-error');
    expect(screen.getByRole('alert').textContent).toBe('请说明该评价无效的原因。');
    expect(fetch).not.toHaveBeenCalled();

    fireEvent.change(note, { target: { value: '  代按  ' } });
    fireEvent.click(screen.getByRole('button', { name: '保存认定' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`/api/v1/rating-flags/${ID}/review`);
    expect(init.method).toBe('PUT');
  });

  it("puts the server's NOTE_REQUIRED next to the note field too", async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: { code: 'NOTE_REQUIRED', message: 'say why' } }), { status: 400, headers: { 'content-type': 'application/json' } })));
    await setLanguage('en');
    render(<ReviewForm ratingId={ID} current={{ ratingId: ID, verdict: 'VALID', note: 'ok', by: 'x', at: 1 }} onSaved={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save decision' }));
    await waitFor(() => expect(screen.getByLabelText('Note').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('alert').textContent).toBe('Write a note saying why this rating is invalid.');
  });
});

describe('administrator flag settings', () => {
  it('says a wrong number next to its field, then saves the settings as numbers', async () => {
    const { FlagSettingsAdmin } = await import('../../src/admin/flags/FlagSettingsAdmin');
    await loadNamespace('admin');
    const defaults = { fastTapMs: 1500, kioskBurst: { maxCount: 5, windowMinutes: 10 }, windowQrBurst: { maxCount: 5, windowMinutes: 10 } };
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => json(init?.method === 'PUT' ? JSON.parse(String(init.body)) : defaults));
    vi.stubGlobal('fetch', fetch);
    render(<FlagSettingsAdmin onSignedOut={() => undefined} />);
    const fast = await screen.findByLabelText('快速点击：邀请后不超过（毫秒）');
    expect((fast as HTMLInputElement).value).toBe('1500');
    fireEvent.change(fast, { target: { value: '70000' } });
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    await waitFor(() => expect(fast.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(fast.getAttribute('aria-describedby')!.split(' ').pop()!)!.textContent).toContain('请输入 0 至 60000 之间的整数。');
    expect(fetch.mock.calls.filter(([, init]) => init?.method === 'PUT')).toHaveLength(0);
    fireEvent.change(fast, { target: { value: '800' } });
    fireEvent.change(screen.getByLabelText('评价器：未经邀请的评价超过（条）'), { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    await screen.findByText('设置已保存');
    const put = fetch.mock.calls.find(([, init]) => init?.method === 'PUT')!;
    expect(JSON.parse(String(put[1]!.body))).toEqual({ ...defaults, fastTapMs: 800, kioskBurst: { maxCount: 7, windowMinutes: 10 } });
  });
});
