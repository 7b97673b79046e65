import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { API, buildPath } from '../../src/domain/endpoints';
import type { Invitation } from '../../src/domain/rating-invitation';
import { api, DEMO_ACCOUNTS, signIn } from './api';

// The 一次一评 browser test and bench: a production hall whose business system sends 办件, a window person who
// invites over HTTP, and an enrolled kiosk in Chromium.

/** The hall's side: the administrator's session, a business-system token, and 李明 (D1001, window 1) signed in. */
export async function invitingHall(baseUrl: string) {
  const admin = await signIn(baseUrl, DEMO_ACCOUNTS.ADMIN);
  const made = await api(baseUrl, 'POST', API.createSystemToken.path, { cookie: admin, body: { unitId: 'demo-unit', name: '综窗业务系统' } });
  if (made.status !== 201) throw new Error(`system token: ${made.status} ${JSON.stringify(made.body)}`);
  const token: string = made.body.token;
  const staff = await signIn(baseUrl, DEMO_ACCOUNTS.STAFF);

  /** 办件 accepted now at window 1 by 李明, item DEMO-001; their ids by 办件编号. */
  async function pushCases(caseNos: string[]): Promise<Record<string, string>> {
    const items = caseNos.map((caseNo) => ({ caseNo, serviceItemCode: 'DEMO-001', windowNumber: '1', employeeNo: 'D1001', applicantType: 'PERSON', acceptedAt: Date.now() - 60_000, status: 'ACCEPTED' }));
    const res = await api(baseUrl, 'POST', API.pushServiceCases.path, { body: { items }, headers: { authorization: `Bearer ${token}` } });
    const results: { caseNo: string; status: string; id?: string }[] = res.body?.results ?? [];
    if (res.status !== 200 || results.some((r) => r.status !== 'added')) throw new Error(`办件 push: ${res.status} ${JSON.stringify(res.body)}`);
    return Object.fromEntries(results.map((r) => [r.caseNo, r.id!]));
  }

  /** 李明 invites a rating for one of his 办件 from his tablet's API (the tablet screen is not this test's). */
  async function invite(serviceCaseId: string): Promise<Invitation> {
    const res = await api(baseUrl, 'POST', buildPath(API.inviteServiceCase.path, { id: serviceCaseId }), { cookie: staff });
    if (res.status !== 201) throw new Error(`invite: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.invitation;
  }

  /** An enrolment code for window 1, as the administrator makes it on the devices tab. */
  async function enrolmentCode(): Promise<string> {
    const res = await api(baseUrl, 'POST', API.createEnrolmentCode.path, { cookie: admin, body: { windowId: 'demo-w1' } });
    if (res.status !== 201 && res.status !== 200) throw new Error(`enrolment code: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.code;
  }

  return { admin, staff, pushCases, invite, enrolmentCode };
}

/**
 * Enrols the kiosk in `page` through its own set-up screen, then opens it at `/?query` (the enrolment clears the
 * address, and with it any shortened timing) and waits for the rating screen.
 */
export async function enrolKiosk(page: Page, baseUrl: string, code: string, query = '') {
  await page.goto(`${baseUrl}/?enrol=${code}`);
  await page.getByRole('button', { name: '登记本设备' }).click();
  await page.getByRole('button', { name: '开始使用' }).click();
  await page.getByRole('button', { name: '非常满意' }).waitFor();
  if (query) {
    await page.goto(`${baseUrl}/?${query}`);
    await page.getByRole('button', { name: '非常满意' }).waitFor();
  }
}

export interface StoredLinkedRating {
  id: string;
  level: string;
  case_number: string | null;
  session_id: string | null;
  invited_at: number | null;
}
export interface StoredInvitationRow {
  id: string;
  source: string;
  service_case_id: string | null;
  answered_rating_id: string | null;
  cancelled_at: number | null;
}

/** The server's ratings and invitations, read from its SQLite file (WAL lets a reader beside the server). */
export function serverRows(dataDir: string): { ratings: StoredLinkedRating[]; invitations: StoredInvitationRow[] } {
  const db = new Database(path.join(dataDir, 'haochaping.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return {
      ratings: db.prepare('SELECT id, level, case_number, session_id, invited_at FROM ratings ORDER BY seq').all() as StoredLinkedRating[],
      invitations: db.prepare('SELECT id, source, service_case_id, answered_rating_id, cancelled_at FROM rating_invitations ORDER BY id').all() as StoredInvitationRow[],
    };
  } finally {
    db.close();
  }
}
