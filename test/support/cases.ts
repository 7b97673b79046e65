import type { Page } from 'playwright-core';
import { uuidv7 } from '../../src/domain/ids';
import type { CaseAction } from '../../src/domain/case-machine';
import { api } from './api';
import { DEMO_DEVICE } from './ratings';

/** One case action as a tablet sends it. */
export const action = (caseId: string, by: string, act: CaseAction, baseVersion = 0) => ({ id: uuidv7(), caseId, baseVersion, action: act, by, at: Date.now() });

export async function pushActions(baseUrl: string, cookie: string, actions: unknown[]) {
  return api(baseUrl, 'POST', '/api/v1/sync/case-actions', { cookie, body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: actions } });
}

/** Opens one of the case's step forms on /staff, fills it and saves; the card then shows the stage the step leads to. */
export async function caseStep(page: Page, caseId: string, button: string, fill: Record<string, string>, stage: string) {
  const card = page.locator(`[data-case-id="${caseId}"]`);
  await card.getByRole('button', { name: button, exact: true }).click();
  const form = card.getByRole('form', { name: button });
  for (const [label, value] of Object.entries(fill)) await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole('button', { name: '保存' }).click();
  await page.locator(`[data-case-id="${caseId}"][data-stage="${stage}"]`).waitFor();
}
