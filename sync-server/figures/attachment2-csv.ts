import type { Attachment2, Attachment2Row, RowScope } from '../../src/domain/figures/attachment2';
import { FIGURE_COLUMNS, percentText } from '../../src/domain/figures/attachment2-columns';
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

/** 统计范围 as the files print it. */
export const SCOPE_LABEL_ZH: Record<RowScope, string> = { all: '合计', unit: '单位', window: '窗口', staff: '工作人员' };

/** The naming columns of the CSV (ids and names); the figure columns follow, from src/domain (FIGURE_COLUMNS). */
const NAME_COLUMNS: [string, (r: Attachment2Row, n: FigureNames) => string | null][] = [
  ['统计范围', (r) => SCOPE_LABEL_ZH[r.scope]],
  ['单位编号', (r) => r.unitId],
  ['单位名称', (r, n) => (r.unitId === null ? null : n.unit(r.unitId))],
  ['窗口编号', (r) => r.windowId],
  ['窗口名称', (r, n) => (r.windowId === null ? null : n.window(r.windowId))],
  ['工作人员编号', (r) => r.staffId],
  ['工作人员姓名', (r, n) => (r.staffId === null ? null : n.staff(r.staffId))],
];

const COLUMNS: [string, (r: Attachment2Row, n: FigureNames) => string | number | null][] = [
  ...NAME_COLUMNS,
  ...FIGURE_COLUMNS.map((c): [string, (r: Attachment2Row) => string | number] => [c.zh, c.kind === 'rate' ? (r) => percentText(c.value(r)) : (r) => c.value(r)]),
];

/** The table as CSV text: a UTF-8 BOM (office spreadsheets misread Chinese without it), the headers, one line a row. */
export function attachment2Csv(table: Attachment2, names: FigureNames): string {
  const lines = [COLUMNS.map(([h]) => h).join(',')];
  for (const row of table.rows) lines.push(COLUMNS.map(([, cell]) => csvCell(cell(row, names))).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
