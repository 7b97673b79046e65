import { DEFAULT_REASONS } from '../../src/domain/reasons';
import type { Catalog } from './store';

/** The demo hall a fresh data folder gets, so the kiosk works at once. Every name says it is a demo. */
export function demoHall(): Catalog {
  return {
    units: [
      {
        id: 'demo-unit',
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
        name: { 'zh-CN': '1号窗口 · 投资项目审批（演示）', en: 'Window 1 · Investment approval (demo)', bo: 'སྒེའུ་ཁུང་ ༡ · མ་འཛུགས་རྣམ་གྲངས་ཞིབ་བཤེར།（དཔེ་སྟོན།）' },
      },
      {
        id: 'demo-w2',
        unitId: 'demo-unit',
        number: '2',
        sortOrder: 2,
        name: { 'zh-CN': '2号窗口 · 价格收费（演示）', en: 'Window 2 · Prices and fees (demo)', bo: 'སྒེའུ་ཁུང་ ༢ · གོང་ཚད་དང་འཐུ་སྒྲུབ།（དཔེ་སྟོན།）' },
      },
    ],
    staff: [
      { id: 'demo-s1', name: '李明（演示）', employeeNo: 'D1001', unitId: 'demo-unit', windowId: 'demo-w1', photoUrl: null },
      { id: 'demo-s2', name: '王芳（演示）', employeeNo: 'D1002', unitId: 'demo-unit', windowId: 'demo-w1', photoUrl: null },
      { id: 'demo-s3', name: '才让（演示）', employeeNo: 'D2001', unitId: 'demo-unit', windowId: 'demo-w2', photoUrl: null },
    ],
    reasons: [...DEFAULT_REASONS],
  };
}
