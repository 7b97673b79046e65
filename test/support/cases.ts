import { uuidv7 } from '../../src/domain/ids';
import type { CaseAction } from '../../src/domain/case-machine';
import { api } from './api';
import { DEMO_DEVICE } from './ratings';

/** One case action as a tablet sends it. */
export const action = (caseId: string, by: string, act: CaseAction, baseVersion = 0) => ({ id: uuidv7(), caseId, baseVersion, action: act, by, at: Date.now() });

export async function pushActions(baseUrl: string, cookie: string, actions: unknown[]) {
  return api(baseUrl, 'POST', '/api/v1/sync/case-actions', { cookie, body: { deviceId: DEMO_DEVICE, sentAt: Date.now(), items: actions } });
}
