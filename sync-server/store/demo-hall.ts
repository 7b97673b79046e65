import { DEFAULT_REASONS } from '../../src/domain/reasons';
import type { Role } from '../../src/domain/roles';
import type { Seed } from './store';

/** Every demo account signs in with this password. Demo mode only: a real hall never gets a default password. */
export const DEMO_PASSWORD = 'demo1234';
/** Every demo window staff member goes on duty at a kiosk with this PIN. */
export const DEMO_PIN = '246810';

export interface DemoSecrets {
  passwordHash: string | null;
  pinHash: string | null;
}

const person = (id: string, name: string, employeeNo: string, windowId: string | null, roles: Role[], { passwordHash, pinHash }: DemoSecrets) => ({
  id,
  name,
  employeeNo,
  unitId: 'demo-unit',
  windowId,
  roles,
  active: true,
  photoUpdatedAt: null,
  passwordHash,
  pinHash: windowId ? pinHash : null,
});

/** The demo hall a fresh data folder gets in demo mode, so the kiosk works at once. Every name says it is a demo. */
export function demoHall(secrets: DemoSecrets): Seed {
  return {
    units: [
      {
        id: 'demo-unit',
        active: true,
        // The demo hall shows /public at once (issue 16); a real hall's units start with nothing public.
        disclosure: true,
        disclosureNamesStaff: true,
        name: {
          'zh-CN': '【演示】省发展改革委驻省政务服务中心窗口',
          en: '[Demo] Provincial DRC window at the Government Service Center',
          bo: '【དཔེ་སྟོན།】ཞིང་ཆེན་འཕེལ་རྒྱས་བཅོས་སྒྱུར་ཨུ་ཡོན་ལྷན་ཁང་གི་སྒེའུ་ཁུང་།',
        },
      },
    ],
    windows: [
      {
        id: 'demo-w1',
        unitId: 'demo-unit',
        number: '1',
        sortOrder: 1,
        active: true,
        name: { 'zh-CN': '1号窗口 · 投资项目审批（演示）', en: 'Window 1 · Investment approval (demo)', bo: 'སྒེའུ་ཁུང་ ༡ · མ་འཛུགས་རྣམ་གྲངས་ཞིབ་བཤེར།（དཔེ་སྟོན།）' },
      },
      {
        id: 'demo-w2',
        unitId: 'demo-unit',
        number: '2',
        sortOrder: 2,
        active: true,
        name: { 'zh-CN': '2号窗口 · 价格收费（演示）', en: 'Window 2 · Prices and fees (demo)', bo: 'སྒེའུ་ཁུང་ ༢ · གོང་ཚད་དང་འཐུ་སྒྲུབ།（དཔེ་སྟོན།）' },
      },
    ],
    staff: [
      person('demo-s1', '李明（演示）', 'D1001', 'demo-w1', ['STAFF'], secrets),
      person('demo-s2', '王芳（演示）', 'D1002', 'demo-w1', ['STAFF', 'LEAD'], secrets),
      // A second clerk at window 1: a paper form counts once another person of its window checks it, and the lead's
      // forms about 李明 need someone who is neither.
      person('demo-s4', '卓玛（演示）', 'D1004', 'demo-w1', ['STAFF'], secrets),
      person('demo-s3', '才让（演示）', 'D2001', 'demo-w2', ['STAFF'], secrets),
      person('demo-office', '赵敏（演示·办公室）', 'D9001', null, ['OFFICE'], secrets),
      person('demo-supervision', '孙伟（演示·纪检）', 'D9002', null, ['SUPERVISION'], secrets),
      person('demo-personnel', '周静（演示·人事）', 'D9003', null, ['PERSONNEL'], secrets),
      person('demo-admin', '系统管理员（演示）', 'D9000', null, ['ADMIN'], secrets),
    ],
    reasons: [...DEFAULT_REASONS],
    serviceItems: [
      { id: 'demo-item-1', code: 'DEMO-001', unitId: 'demo-unit', sortOrder: 10, active: true, name: { 'zh-CN': '企业投资项目备案（演示）', en: 'Registration of enterprise investment projects (demo)', bo: 'ཁེ་ལས་མ་འཛུགས་རྣམ་གྲངས་ཐོ་འགོད།（དཔེ་སྟོན།）' } },
      { id: 'demo-item-2', code: 'DEMO-002', unitId: 'demo-unit', sortOrder: 20, active: true, name: { 'zh-CN': '政府投资项目审批（演示）', en: 'Approval of government investment projects (demo)', bo: 'སྲིད་གཞུང་མ་འཛུགས་རྣམ་གྲངས་ཆོག་མཆན།（དཔེ་སྟོན།）' } },
      { id: 'demo-item-3', code: 'DEMO-003', unitId: 'demo-unit', sortOrder: 30, active: true, name: { 'zh-CN': '收费标准核定（演示）', en: 'Approval of fee standards (demo)', bo: 'འཐུ་སྒྲུབ་ཚད་གཞི་གཏན་འཁེལ།（དཔེ་སྟོན།）' } },
    ],
  };
}

/** The demo hall's accounts: an older database holding only these (and no others) is the demo hall. */
export const DEMO_ACCOUNT_IDS: readonly string[] = demoHall({ passwordHash: null, pinHash: null }).staff.map((s) => s.id);
