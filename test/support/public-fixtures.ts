import { monthOfCst } from '../../src/domain/figures/month';
import type { RatingRecord } from '../../src/domain/rating';
import { PUSH_RATINGS_PATH } from '../../src/domain/sync-constants';
import { api, DEMO_ACCOUNTS, signIn } from './api';
import { action, pushActions } from './cases';
import { approveComment, declineComment, setDisclosure } from './public-seed';
import { badRating, DEMO_DEVICE, demoRating } from './ratings';
import { postJson } from './server';

// The /public tests' hall: the demo unit and a second unit disclose, a third does not; bad reviews whose comments
// and contacts carry every kind of personal detail; some comments approved for publication, one declined.

/** Every secret the seed puts into comments and contacts; none may ever appear on a public page or answer. */
export const SECRETS = {
  phoneSpaced: '138 1234 5678',
  phoneDashed: '139-8765-4321',
  phonePlus86: '+86 137 0000 1111',
  contactPhone: '13612345670',
  idNumber: '11010519491231002X',
  name: '王小明',
  contactName: '赵丽华',
  company: '北京云杉科技有限公司',
  email: 'wang.xm@example.com',
  plate: '京A12345',
  caseNo: 'BJ2026110012345',
  /** Only in comments nobody approved (declined, not reviewed): their text must never show. */
  unapprovedOnly: '这句只在未批准的评论里',
} as const;

/** The secrets and their partial forms (a phone's digits without separators, the ID's 18 characters, the plate's tail). */
export function secretForms(): string[] {
  const digits = (s: string) => s.replace(/\D/g, '');
  return [
    ...Object.values(SECRETS),
    digits(SECRETS.phoneSpaced), digits(SECRETS.phoneDashed), digits(SECRETS.phonePlus86).slice(2), SECRETS.idNumber.slice(0, 17), 'A12345', '2026110012345',
  ];
}

export interface PublicHall {
  month: string;
  unitB: string;
  hiddenUnit: string;
  /** Comments as approved (scrubbed), by rating id. */
  approved: Map<string, string>;
  /** Window numbers of the hidden unit, which must appear nowhere. */
  hiddenName: string;
}

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en, bo: zh });

async function ok(res: Promise<{ status: number; body: any }>, want = 201) {
  const r = await res;
  if (r.status !== want) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function push(baseUrl: string, items: RatingRecord[]) {
  const res = await postJson(`${baseUrl}${PUSH_RATINGS_PATH}`, { deviceId: DEMO_DEVICE, sentAt: Date.now(), items });
  const body = res.body;
  if (res.status !== 200 || body.results.some((r: { status: string }) => r.status !== 'accepted')) throw new Error(`push: ${res.status} ${JSON.stringify(body)}`);
}

/** The hall through the real routes (admin, push with the evaluators' consent, case steps, disclosure switches, approvals). */
export async function seedPublicHall(baseUrl: string, at = Date.now()): Promise<PublicHall> {
  const admin = await signIn(baseUrl, DEMO_ACCOUNTS.ADMIN);
  const unit = (name: ReturnType<typeof label>) => ok(api(baseUrl, 'POST', '/api/v1/admin/units', { cookie: admin, body: { name, active: true } }));
  const win = (unitId: string, number: string) => ok(api(baseUrl, 'POST', '/api/v1/admin/windows', { cookie: admin, body: { unitId, number, name: label(`${number}号窗口`, `Window ${number}`), sortOrder: 1 } }));
  const hiddenName = '西区不公开大厅';
  const b = await unit(label('东区政务大厅', 'East hall'));
  const hidden = await unit(label(hiddenName, 'Closed hall'));
  const bWin = await win(b.id, '7');
  const hWin = await win(hidden.id, '8');
  let t = at - 60_000;
  const next = () => (t += 10);
  const secretComment = `我叫${SECRETS.name}，电话${SECRETS.phoneSpaced}或${SECRETS.phoneDashed}，${SECRETS.phonePlus86}，身份证${SECRETS.idNumber}，邮箱${SECRETS.email}，车牌${SECRETS.plate}，办件${SECRETS.caseNo}，窗口态度差`;
  const contact = { name: SECRETS.contactName, phone: SECRETS.contactPhone, company: SECRETS.company };
  // Every evaluator here allowed publication (the kiosk's question): only approval decides what shows.
  const secretBad = (over: Partial<RatingRecord>) => badRating({ comment: secretComment, contact, caseNumber: SECRETS.caseNo, publishComment: true, ...over }, next());

  const approvedA = secretBad({ level: 'VERY_DISSATISFIED', reasons: ['ATTITUDE', 'OTHER'], otherReason: `${SECRETS.name} ${SECRETS.phoneSpaced}` } as Partial<RatingRecord>);
  const unapproved = `${SECRETS.unapprovedOnly}。${secretComment}`;
  const declinedA = secretBad({ caseNumber: 'BJ2026110012346', comment: unapproved });
  const unreviewedA = secretBad({ caseNumber: 'BJ2026110012347', comment: unapproved });
  const fixNow = badRating({ contact: undefined, comment: undefined }, next());
  const notAdopted = badRating({ contact: undefined, comment: undefined, level: 'VERY_DISSATISFIED' }, next());
  const good = [demoRating({ level: 'VERY_SATISFIED' }, next()), demoRating({ comment: `${SECRETS.email} 很好` }, next()), demoRating({ level: 'BASICALLY_SATISFIED' }, next())];
  const inB = (over: Partial<RatingRecord>) => ({ unitId: b.id, windowId: bWin.id, staffId: undefined, ...over });
  const approvedB = secretBad(inB({ caseNumber: undefined }));
  const goodB = demoRating(inB({}), next());
  const inHidden = (over: Partial<RatingRecord>) => ({ unitId: hidden.id, windowId: hWin.id, staffId: undefined, ...over });
  const hiddenBad = secretBad(inHidden({ caseNumber: undefined }));
  const hiddenGood = demoRating(inHidden({}), next());
  await push(baseUrl, [approvedA, declinedA, unreviewedA, fixNow, notAdopted, ...good, approvedB, goodB, hiddenBad, hiddenGood]);

  // Anonymous ones are decided at once (no call-back owed): 立行立改, and 不予采纳 (恶意) approved by the lead.
  const staff = await signIn(baseUrl, DEMO_ACCOUNTS.STAFF);
  const lead = await signIn(baseUrl, DEMO_ACCOUNTS.LEAD);
  const steps = await pushActions(baseUrl, staff, [
    action(fixNow.id, 'demo-s1', { type: 'DECIDE', path: 'FIX_NOW' }),
    action(notAdopted.id, 'demo-s1', { type: 'DECIDE', path: 'NOT_ADOPTED', reason: 'MALICIOUS', evidence: '录音显示恶意', approverId: 'demo-s2' }),
    action(approvedA.id, 'demo-s1', { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED' }),
  ]);
  if (steps.body.results.some((r: { status: string }) => r.status !== 'accepted')) throw new Error(`case steps: ${JSON.stringify(steps.body)}`);
  const approve = await pushActions(baseUrl, lead, [action(notAdopted.id, 'demo-s2', { type: 'APPROVE' }, 1)]);
  if (approve.body.results[0].status !== 'accepted') throw new Error(`approve: ${JSON.stringify(approve.body)}`);

  // Every unit discloses while the office decides; then the hidden unit stops: its approved comment must vanish too.
  await setDisclosure(baseUrl, 'demo-unit', true, false);
  await setDisclosure(baseUrl, b.id, true, false);
  await setDisclosure(baseUrl, hidden.id, true, true);
  const approved = new Map<string, string>();
  for (const r of [approvedA, approvedB, hiddenBad]) approved.set(r.id, await approveComment(baseUrl, r.id));
  await declineComment(baseUrl, declinedA.id);
  await setDisclosure(baseUrl, hidden.id, false, true);
  return { month: monthOfCst(at), unitB: b.id, hiddenUnit: hidden.id, approved, hiddenName };
}
