import { API } from '../../src/domain/endpoints';
import { api, DEMO_ACCOUNTS, signIn } from './api';

/**
 * The write side of /public as the public tests need it, through the real routes: the administrator's per-unit
 * disclosure switches (PATCH /api/v1/admin/units/:id) and the office's decision on a consenting evaluator's comment
 * (POST /api/v1/comment-publications/:id), which scrubs the text on the server.
 */
async function ok(res: Promise<{ status: number; body: any }>, what: string) {
  const r = await res;
  if (r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** The unit's disclosure switch and whether staff are named by 工号 (the administrator's per-unit setting). */
export async function setDisclosure(baseUrl: string, unitId: string, disclosure: boolean, namesStaff = false): Promise<void> {
  const admin = await signIn(baseUrl, DEMO_ACCOUNTS.ADMIN);
  await ok(api(baseUrl, 'PATCH', `${API.updateUnit.path.replace(':id', unitId)}`, { cookie: admin, body: { disclosure, disclosureNamesStaff: namesStaff } }), 'setDisclosure');
}

/** The office approves the rating's comment (its evaluator consented); returns the text as the server stored it. */
export async function approveComment(baseUrl: string, ratingId: string): Promise<string> {
  const office = await signIn(baseUrl, DEMO_ACCOUNTS.OFFICE);
  const body = await ok(api(baseUrl, 'POST', `${API.commentPublications.path}/${ratingId}`, { cookie: office, body: { verdict: 'APPROVED' } }), 'approveComment');
  return body.decision.scrubbedText as string;
}

/** The office declines it: no text is kept. */
export async function declineComment(baseUrl: string, ratingId: string): Promise<void> {
  const office = await signIn(baseUrl, DEMO_ACCOUNTS.OFFICE);
  await ok(api(baseUrl, 'POST', `${API.commentPublications.path}/${ratingId}`, { cookie: office, body: { verdict: 'DECLINED' } }), 'declineComment');
}
