import { API, buildPath, type EndpointName } from '../../src/domain/endpoints';
import { uuidv7 } from '../../src/domain/ids';
import { EMPTY_PAPER_FORM, paperRecordFromForm } from '../../src/domain/paper-form';
import type { TabletServiceCase } from '../../src/domain/tablet-service-case';
import { cstDate } from '../../src/domain/time';
import { DEMO_DEVICE, demoRating } from './ratings';

/**
 * Who sends a fuzzed request: the route's right person, someone without the right, nobody, a forged cookie, or
 * the business system (a bearer token of the demo unit, made in the setup).
 */
export type Who = 'admin' | 'staff' | 'lead' | 'supervision' | 'none' | 'forged' | 'system';

/** One route of the fuzz with a valid request the mutations start from. */
export interface FuzzRoute {
  name: EndpointName;
  /** public: the phone page's routes, no session; a taken request may add a row to each of `writes`, no audit. */
  kind: 'push' | 'admin' | 'public';
  /** The person whose session the valid request needs ('none': the kiosk's device, demo mode). */
  who: Who;
  /** The path's parameters of the valid request (real ids of the demo hall). */
  params?: Record<string, string>;
  /** A fresh valid JSON body (fresh ids each call), 'image' for a photo upload, 'export' for a 办件 file (fuzz-export.ts). */
  body?: () => unknown;
  /**
   * The tables a taken request may add rows to. A push route: first its stream's table (one row per taken item),
   * then tables it may also add to. An admin route: at most one row each (its audit entries are counted apart).
   */
  writes?: string[];
  /** A real id in the path without a body to mutate: only wrong ids are sent (a real one would act, e.g. revoke). */
  wrongIdOnly?: boolean;
  /** An admin-kind route whose taken request writes no audit entry (an invitation: its row names who made it). */
  unaudited?: boolean;
}

/** The 办件编号 the fuzz setup sends with the business system's token: the invitation routes invite for it. */
export const FUZZ_INVITE_CASE_NO = 'FZ-INVITE-1';

const text = (s: string) => ({ 'zh-CN': s, en: s, bo: s });
// Two items where they are independent: a mutation of one must leave the other taken and only it stored.
const envelope = (...items: unknown[]) => ({ deviceId: DEMO_DEVICE, sentAt: Date.now(), items });
const month = () => cstDate(Date.now()).slice(0, 7);

export const paperItem = () =>
  paperRecordFromForm(
    { ...EMPTY_PAPER_FORM, caseNumber: `FZ-${uuidv7().slice(-8)}`, serviceItemId: 'demo-item-1', windowId: 'demo-w1', staffId: 'demo-s1', serviceDate: cstDate(Date.now()), level: 'SATISFIED', comment: '办事顺利' },
    { unitId: 'demo-unit', deviceId: DEMO_DEVICE, enteredBy: 'demo-s2', locale: 'zh-CN' },
  );

/** A 办件 as the business system sends it, with a fresh 办件编号 (window 1, 李明). */
const serviceCaseItem = () => ({
  caseNo: `FZ-${uuidv7().slice(-12)}`,
  serviceItemCode: 'DEMO-001',
  windowNumber: '1',
  employeeNo: 'D1001',
  applicantType: 'PERSON',
  acceptedAt: Date.now() - 60_000,
  status: 'ACCEPTED',
});

/** A 办件 typed in on 李明's tablet (demo-s1, window 1), with a fresh 办件编号. */
const tabletServiceCaseItem = (over: Partial<TabletServiceCase> = {}): TabletServiceCase => ({
  id: uuidv7(),
  caseNo: `TB-${uuidv7().slice(-12)}`,
  serviceItemId: 'demo-item-1',
  unitId: 'demo-unit',
  windowId: 'demo-w1',
  enteredBy: 'demo-s1',
  applicantType: 'LEGAL_PERSON',
  status: 'ACCEPTED',
  acceptedAt: Date.now() - 60_000,
  finishedAt: null,
  enteredAt: Date.now(),
  ...over,
});

/**
 * Every push route and every /api/v1/admin route of the endpoint table. `caseId` is a case the setup opened (a
 * bad rating at demo-w1), so a case step reaches the case machine.
 */
export function fuzzRoutes(caseId: string, inviteServiceCaseId = 'none', phoneToken = 'none'): FuzzRoute[] {
  return [
    { name: 'pushRatings', kind: 'push', who: 'none', writes: ['ratings', 'cases', 'case_events'], body: () => envelope(demoRating(), demoRating({ level: 'VERY_SATISFIED' })) },
    { name: 'pushPaper', kind: 'push', who: 'lead', writes: ['ratings', 'cases', 'case_events', 'paper_checks'], body: () => envelope(paperItem(), paperItem()) },
    {
      name: 'pushCaseActions',
      kind: 'push',
      who: 'staff',
      writes: ['case_events'],
      body: () => envelope({ id: uuidv7(), caseId, baseVersion: 0, action: { type: 'CALL_BACK', channel: 'PHONE', outcome: 'REACHED', note: '已联系' }, by: 'demo-s1', at: Date.now() }),
    },
    {
      name: 'pushServiceCases',
      kind: 'push',
      who: 'system',
      writes: ['service_cases'],
      body: () => {
        const { windowNumber: _n, ...byWindowId } = serviceCaseItem();
        return { items: [serviceCaseItem(), { ...byWindowId, windowId: 'demo-w2', employeeNo: 'D2001', status: 'FINISHED', finishedAt: Date.now() }] };
      },
    },
    { name: 'pushTabletServiceCases', kind: 'push', who: 'staff', writes: ['service_cases'], body: () => envelope(tabletServiceCaseItem(), tabletServiceCaseItem({ status: 'FINISHED', finishedAt: Date.now() })) },
    { name: 'pushAbandonedTaps', kind: 'push', who: 'none', writes: ['abandoned_taps'], body: () => envelope({ id: uuidv7(), windowId: 'demo-w1', month: month() }, { id: uuidv7(), windowId: 'demo-w2', month: month() }) },

    { name: 'adminCatalog', kind: 'admin', who: 'admin' },
    { name: 'createUnit', kind: 'admin', who: 'admin', writes: ['units'], body: () => ({ name: text('模糊测试单位'), divisionCode: '110105' }) },
    { name: 'updateUnit', kind: 'admin', who: 'admin', params: { id: 'demo-unit' }, body: () => ({ name: text('演示单位'), divisionCode: '110105001001' }) },
    { name: 'createWindow', kind: 'admin', who: 'admin', writes: ['windows'], body: () => ({ unitId: 'demo-unit', number: '9', name: text('九号窗口'), sortOrder: 90 }) },
    { name: 'updateWindow', kind: 'admin', who: 'admin', params: { id: 'demo-w2' }, body: () => ({ sortOrder: 20 }) },
    { name: 'createServiceItem', kind: 'admin', who: 'admin', writes: ['service_items'], body: () => ({ code: `FZ-${uuidv7().slice(-6)}`, unitId: 'demo-unit', name: text('模糊事项') }) },
    { name: 'updateServiceItem', kind: 'admin', who: 'admin', params: { id: 'demo-item-3' }, body: () => ({ sortOrder: 30 }) },
    { name: 'createReason', kind: 'admin', who: 'admin', writes: ['reasons'], body: () => ({ key: `FZ_${uuidv7().slice(-6).toUpperCase()}`, label: text('模糊原因'), sortOrder: 500 }) },
    { name: 'updateReason', kind: 'admin', who: 'admin', params: { key: 'ATTITUDE' }, body: () => ({ sortOrder: 10 }) },
    {
      name: 'createStaff',
      kind: 'admin',
      who: 'admin',
      writes: ['staff'],
      body: () => ({ employeeNo: `F${uuidv7().slice(-5)}`, name: '模糊', unitId: 'demo-unit', windowId: null, roles: ['STAFF'], password: 'Fuzz-tested-2026!' }),
    },
    // demo-s3 (D2001) is nobody whose session the fuzz uses: a patch that is still valid changes no sender.
    { name: 'updateStaff', kind: 'admin', who: 'admin', params: { id: 'demo-s3' }, body: () => ({ name: '才让（演示）' }) },
    { name: 'staffPhotoUpload', kind: 'admin', who: 'admin', writes: ['staff_photos'], params: { id: 'demo-s3' }, body: () => 'image' },
    { name: 'roleGrants', kind: 'admin', who: 'admin' },
    { name: 'approveRoleGrant', kind: 'admin', who: 'admin', params: { id: 'grant' }, wrongIdOnly: true },
    { name: 'refuseRoleGrant', kind: 'admin', who: 'admin', params: { id: 'grant' }, wrongIdOnly: true },
    { name: 'calendar', kind: 'admin', who: 'admin' },
    { name: 'putCalendarYear', kind: 'admin', who: 'admin', writes: ['calendar_years'], params: { year: '2031' }, body: () => ({ holidays: ['2031-01-01'], workdays: [], source: '模糊测试' }) },
    { name: 'createEnrolmentCode', kind: 'admin', who: 'admin', writes: ['enrolment_codes'], body: () => ({ windowId: 'demo-w1', validHours: 2 }) },
    { name: 'devices', kind: 'admin', who: 'admin' },
    { name: 'revokeDevice', kind: 'admin', who: 'admin', params: { id: DEMO_DEVICE }, wrongIdOnly: true },
    { name: 'createSystemToken', kind: 'admin', who: 'admin', writes: ['system_tokens'], body: () => ({ unitId: 'demo-unit', name: '模糊业务系统' }) },
    { name: 'systemTokens', kind: 'admin', who: 'admin' },
    { name: 'revokeSystemToken', kind: 'admin', who: 'admin', params: { id: 'token' }, wrongIdOnly: true },
    // Invitations (一次一评): 李明 for his 办件, the business system by 办件编号.
    { name: 'inviteServiceCase', kind: 'admin', who: 'staff', unaudited: true, writes: ['rating_invitations'], params: { id: inviteServiceCaseId } },
    { name: 'systemInvite', kind: 'admin', who: 'system', unaudited: true, writes: ['rating_invitations'], body: () => ({ caseNo: FUZZ_INVITE_CASE_NO }) },
    { name: 'importServiceCases', kind: 'admin', who: 'admin', writes: ['service_cases'], body: () => 'export' },
    { name: 'flagSettings', kind: 'admin', who: 'admin' },
    {
      name: 'putFlagSettings', kind: 'admin', who: 'admin', writes: ['server_settings'],
      body: () => ({ fastTapMs: 1500, kioskBurst: { maxCount: 5, windowMinutes: 10 }, windowQrBurst: { maxCount: 5, windowMinutes: 10 } }),
    },
    { name: 'rankingSettings', kind: 'admin', who: 'admin' },
    { name: 'putRankingSettings', kind: 'admin', who: 'admin', writes: ['server_settings'], body: () => ({ bottomPlaces: 3, period: 'quarter', runLength: 3 }) },
    // Supervision's mark on the setup's bad rating (the case id is its rating's id).
    { name: 'reviewRating', kind: 'admin', who: 'supervision', writes: ['rating_reviews'], params: { id: caseId }, body: () => ({ verdict: 'INVALID', note: '模糊测试：代按' }) },
    // The phone page of a 办件 (its link made in the setup): two ratings are taken, later ones refused as CLOSED.
    { name: 'phonePage', kind: 'public', who: 'none', params: { token: phoneToken } },
    {
      name: 'phoneRating',
      kind: 'public',
      who: 'none',
      params: { token: phoneToken },
      writes: ['ratings', 'cases', 'case_events'],
      body: () => ({ id: uuidv7(), level: 'DISSATISFIED', reasons: ['ATTITUDE'], contact: { phone: '13700001111' }, locale: 'zh-CN', madeAt: Date.now(), sentAt: Date.now() }),
    },
  ];
}

export const routePath = (route: FuzzRoute, params = route.params) => buildPath(API[route.name].path, (params ?? {}) as never);
