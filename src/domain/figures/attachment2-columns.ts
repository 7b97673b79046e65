import type { Attachment2Row, Rate } from './attachment2';

/**
 * The figure columns of Attachment 2 (评价数据统计表), written once: the CSV and the XLSX (sync-server/figures) and
 * the /reports screen all read this list, so a column is added, renamed or moved in one place. The Chinese
 * headers are the official form's (files are always in Chinese); the screen shows `key` through i18n
 * (reports:attachment2.columns.<key>, .groups.<group>). The naming columns (scope, unit, window, staff) are not
 * here: each output names things its own way (ids + names in the CSV, names in the XLSX and on screen).
 */
export type FigureGroup = 'levels' | 'channels' | 'satisfaction' | 'bad' | 'callBack' | 'handling';

/** The groups' Chinese headers (the upper of the two header rows). */
export const FIGURE_GROUP_ZH: Record<FigureGroup, string> = {
  levels: '评价等级',
  channels: '评价渠道',
  satisfaction: '满意情况',
  bad: '差评情况',
  callBack: '差评回访',
  handling: '差评处理',
};

export type FigureColumn =
  | { key: string; group: FigureGroup | null; zh: string; kind: 'count'; value: (r: Attachment2Row) => number }
  | { key: string; group: FigureGroup | null; zh: string; kind: 'rate'; value: (r: Attachment2Row) => Rate };

const count = (key: string, group: FigureGroup | null, zh: string, value: (r: Attachment2Row) => number): FigureColumn => ({ key, group, zh, kind: 'count', value });
const rate = (key: string, group: FigureGroup | null, zh: string, value: (r: Attachment2Row) => Rate): FigureColumn => ({ key, group, zh, kind: 'rate', value });

/** In the form's order: levels and channels in the order of src/domain; a group's columns are adjacent. */
export const FIGURE_COLUMNS: readonly FigureColumn[] = [
  count('total', null, '评价总数', (r) => r.total),
  count('VERY_SATISFIED', 'levels', '非常满意', (r) => r.byLevel.VERY_SATISFIED),
  count('SATISFIED', 'levels', '满意', (r) => r.byLevel.SATISFIED),
  count('BASICALLY_SATISFIED', 'levels', '基本满意', (r) => r.byLevel.BASICALLY_SATISFIED),
  count('DISSATISFIED', 'levels', '不满意', (r) => r.byLevel.DISSATISFIED),
  count('VERY_DISSATISFIED', 'levels', '非常不满意', (r) => r.byLevel.VERY_DISSATISFIED),
  count('HALL_TABLET', 'channels', '评价器（平板）', (r) => r.byChannel.HALL_TABLET),
  count('HALL_TERMINAL', 'channels', '自助终端', (r) => r.byChannel.HALL_TERMINAL),
  count('QR', 'channels', '二维码', (r) => r.byChannel.QR),
  count('PAPER', 'channels', '纸质评价表', (r) => r.byChannel.PAPER),
  count('PC', 'channels', 'PC端', (r) => r.byChannel.PC),
  count('MOBILE', 'channels', '移动端', (r) => r.byChannel.MOBILE),
  count('PHONE', 'channels', '电话', (r) => r.byChannel.PHONE),
  count('SMS', 'channels', '短信', (r) => r.byChannel.SMS),
  count('DEFAULT', 'channels', '默认评价', (r) => r.byChannel.DEFAULT),
  count('invalid', null, '无效评价（不计入）', (r) => r.invalid),
  count('satisfied', 'satisfaction', '满意数', (r) => r.satisfied),
  rate('satisfaction', 'satisfaction', '满意率（%）', (r) => r.rates.satisfaction),
  count('bad', 'bad', '差评数', (r) => r.bad),
  rate('badRate', 'bad', '差评率（%）', (r) => r.rates.badRate),
  count('notAdopted', 'bad', '不予采纳', (r) => r.notAdopted),
  count('badAdopted', 'bad', '采纳差评数', (r) => r.badAdopted),
  rate('badAdoptedRate', 'bad', '采纳差评率（%）', (r) => r.rates.badAdoptedRate),
  count('realNameBad', 'callBack', '实名差评', (r) => r.realNameBad),
  count('calledBack', 'callBack', '已回访', (r) => r.calledBack),
  rate('callBackRate', 'callBack', '回访率（%）', (r) => r.rates.callBackRate),
  count('FIX_NOW', 'handling', '立行立改', (r) => r.byPath.FIX_NOW),
  count('FIX_WITHIN_5', 'handling', '5个工作日内整改', (r) => r.byPath.FIX_WITHIN_5),
  count('SPECIAL', 'handling', '特殊情况', (r) => r.byPath.SPECIAL),
  count('rectified', 'handling', '已整改', (r) => r.rectified),
  rate('rectificationRate', 'handling', '整改率（%）', (r) => r.rates.rectificationRate),
  count('replied', 'handling', '已回复', (r) => r.replied),
  count('closedOnTime', 'handling', '按时办结', (r) => r.closedOnTime),
  rate('closedOnTimeRate', 'handling', '按时办结率（%）', (r) => r.rates.closedOnTimeRate),
  count('overdue', 'handling', '超期', (r) => r.overdue),
];

/** The header's upper row as spans: a group over its adjacent columns, or a column alone (merged down two rows). */
export interface HeaderSpan {
  group: FigureGroup | null;
  /** Index of the first column in FIGURE_COLUMNS, and how many it covers. */
  start: number;
  width: number;
}

export function headerSpans(columns: readonly FigureColumn[] = FIGURE_COLUMNS): HeaderSpan[] {
  const spans: HeaderSpan[] = [];
  columns.forEach((c, i) => {
    const last = spans[spans.length - 1];
    if (last && c.group !== null && last.group === c.group) last.width += 1;
    else spans.push({ group: c.group, start: i, width: 1 });
  });
  return spans;
}

/** A rate's percent as tables print it: two decimals, "—" for 0/0 (never 100%). */
export const percentText = (r: Rate): string => (r.percent === null ? '—' : r.percent.toFixed(2));
