import type { Attachment2, Attachment2Row, Rate, RowScope } from '../../src/domain/figures/attachment2';
import { pickLabel } from '../../src/domain/locales';
import type { Catalog } from '../../src/domain/catalog';
import { csvCell } from '../export/export-format';

/** Names for the CSV's id columns: units and windows in Chinese, staff by name (the catalogue; an unknown id stays blank). */
export interface FigureNames {
  unit(id: string): string | null;
  window(id: string): string | null;
  staff(id: string): string | null;
}

export function namesFromCatalog(catalog: Catalog): FigureNames {
  const units = new Map(catalog.units.map((u) => [u.id, pickLabel(u.name, 'zh-CN')]));
  const windows = new Map(catalog.windows.map((w) => [w.id, `${w.number} ${pickLabel(w.name, 'zh-CN')}`]));
  const staff = new Map(catalog.staff.map((s) => [s.id, s.name]));
  return { unit: (id) => units.get(id) ?? null, window: (id) => windows.get(id) ?? null, staff: (id) => staff.get(id) ?? null };
}

const SCOPE_LABEL: Record<RowScope, string> = { all: '合计', unit: '单位', window: '窗口', staff: '工作人员' };
/** A rate's percent as the table prints it: two decimals, "—" for 0/0 (never 100%). */
const pct = (r: Rate) => (r.percent === null ? '—' : r.percent.toFixed(2));

/** The columns: Chinese header, then the cell of a row. Levels and channels in the order of src/domain. */
const COLUMNS: [string, (r: Attachment2Row, n: FigureNames) => string | number | null][] = [
  ['统计范围', (r) => SCOPE_LABEL[r.scope]],
  ['单位编号', (r) => r.unitId],
  ['单位名称', (r, n) => (r.unitId === null ? null : n.unit(r.unitId))],
  ['窗口编号', (r) => r.windowId],
  ['窗口名称', (r, n) => (r.windowId === null ? null : n.window(r.windowId))],
  ['工作人员编号', (r) => r.staffId],
  ['工作人员姓名', (r, n) => (r.staffId === null ? null : n.staff(r.staffId))],
  ['评价总数', (r) => r.total],
  ['非常满意', (r) => r.byLevel.VERY_SATISFIED],
  ['满意', (r) => r.byLevel.SATISFIED],
  ['基本满意', (r) => r.byLevel.BASICALLY_SATISFIED],
  ['不满意', (r) => r.byLevel.DISSATISFIED],
  ['非常不满意', (r) => r.byLevel.VERY_DISSATISFIED],
  ['评价器（平板）', (r) => r.byChannel.HALL_TABLET],
  ['自助终端', (r) => r.byChannel.HALL_TERMINAL],
  ['二维码', (r) => r.byChannel.QR],
  ['纸质评价表', (r) => r.byChannel.PAPER],
  ['PC端', (r) => r.byChannel.PC],
  ['移动端', (r) => r.byChannel.MOBILE],
  ['电话', (r) => r.byChannel.PHONE],
  ['短信', (r) => r.byChannel.SMS],
  ['默认评价', (r) => r.byChannel.DEFAULT],
  ['无效评价（不计入）', (r) => r.invalid],
  ['满意数', (r) => r.satisfied],
  ['满意率（%）', (r) => pct(r.rates.satisfaction)],
  ['差评数', (r) => r.bad],
  ['差评率（%）', (r) => pct(r.rates.badRate)],
  ['不予采纳', (r) => r.notAdopted],
  ['采纳差评数', (r) => r.badAdopted],
  ['采纳差评率（%）', (r) => pct(r.rates.badAdoptedRate)],
  ['实名差评', (r) => r.realNameBad],
  ['已回访', (r) => r.calledBack],
  ['回访率（%）', (r) => pct(r.rates.callBackRate)],
  ['立行立改', (r) => r.byPath.FIX_NOW],
  ['5个工作日内整改', (r) => r.byPath.FIX_WITHIN_5],
  ['特殊情况', (r) => r.byPath.SPECIAL],
  ['已整改', (r) => r.rectified],
  ['整改率（%）', (r) => pct(r.rates.rectificationRate)],
  ['已回复', (r) => r.replied],
  ['按时办结', (r) => r.closedOnTime],
  ['按时办结率（%）', (r) => pct(r.rates.closedOnTimeRate)],
  ['超期', (r) => r.overdue],
];

/** The table as CSV text: a UTF-8 BOM (office spreadsheets misread Chinese without it), the headers, one line a row. */
export function attachment2Csv(table: Attachment2, names: FigureNames): string {
  const lines = [COLUMNS.map(([h]) => h).join(',')];
  for (const row of table.rows) lines.push(COLUMNS.map(([, cell]) => csvCell(cell(row, names))).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
