import type { ContactChannel, DecisionPath, NotAdoptedReason } from '../../src/domain/case-machine';
import type { Channel } from '../../src/domain/channels';
import type { AnnualRefs } from '../../src/domain/figures/annual-api';
import type { AnnualSubtotal } from '../../src/domain/figures/annual-groups';
import type { AnnualEntry, DeadlineState } from '../../src/domain/figures/annual-report';
import type { LevelKey } from '../../src/domain/levels';
import { pickLabel } from '../../src/domain/locales';
import { formatCstMinute } from '../../src/domain/time';

/** The annual report's cells in Chinese (the XLSX is a filed document: 中文 only, as the notice's forms are). */
export const PATH_ZH: Record<DecisionPath, string> = { FIX_NOW: '立行立改', FIX_WITHIN_5: '5个工作日内整改', SPECIAL: '特殊情况', NOT_ADOPTED: '不予采纳' };
const NOT_ADOPTED_ZH: Record<NotAdoptedReason, string> = { MISTAKEN: '误评', MALICIOUS: '恶意差评', AGAINST_RULES: '诉求违反规定且已解释' };
const CONTACT_ZH: Record<ContactChannel, string> = { PHONE: '电话', SMS: '短信', VISIT: '上门', WECHAT: '微信' };
const LEVEL_ZH: Partial<Record<LevelKey, string>> = { DISSATISFIED: '不满意', VERY_DISSATISFIED: '非常不满意' };
const CHANNEL_ZH: Record<Channel, string> = {
  HALL_TABLET: '评价器（平板）', HALL_TERMINAL: '自助终端', QR: '二维码', PAPER: '纸质评价表', PC: 'PC端', MOBILE: '移动端', PHONE: '电话', SMS: '短信', DEFAULT: '默认评价',
};
const DEADLINE_ZH: Record<DeadlineState, string> = { ON_TIME: '按期', LATE: '逾期完成', OVERDUE: '超期未办', PENDING: '未到期', NONE: '—' };

/** Names for ids, from the report's refs (zh-CN labels). */
export interface AnnualNames {
  unit(id: string): string;
  window(id: string): string;
  staff(id: string | null): string;
  reason(key: string): string;
  item(id: string | null): string;
}

export function namesFromRefs(refs: AnnualRefs): AnnualNames {
  const units = new Map(refs.units.map((u) => [u.id, pickLabel(u.name, 'zh-CN')]));
  const windows = new Map(refs.windows.map((w) => [w.id, `${w.number} ${pickLabel(w.name, 'zh-CN')}`]));
  const staff = new Map(refs.staff.map((s) => [s.id, s.name]));
  const reasons = new Map(refs.reasons.map((r) => [r.key, pickLabel(r.label, 'zh-CN')]));
  const items = new Map(refs.serviceItems.map((i) => [i.id, pickLabel(i.name, 'zh-CN')]));
  return {
    unit: (id) => units.get(id) ?? id,
    window: (id) => windows.get(id) ?? id,
    staff: (id) => (id === null ? '—' : (staff.get(id) ?? id)),
    reason: (key) => reasons.get(key) ?? key,
    item: (id) => (id === null ? '—' : (items.get(id) ?? id)),
  };
}

/** 差评记录: level, reasons, comment, channel, item, 实名 / 匿名 (the time, window and staff have their own columns). */
export function reviewText(e: AnnualEntry, n: AnnualNames): string {
  const r = e.rating;
  const reasons = r.reasons.map(n.reason).join('、') + (r.otherReason ? `（${r.otherReason}）` : '');
  return [
    `等级：${LEVEL_ZH[r.level] ?? r.level}`,
    `原因：${reasons || '—'}`,
    `评价内容：${r.comment ?? '—'}`,
    `渠道：${CHANNEL_ZH[r.channel]}`,
    `事项：${n.item(r.serviceItemId)}`,
    e.realName ? '实名' : '匿名',
  ].join('\n');
}

export function countedText(e: AnnualEntry): string {
  if (e.invalid) return '否（无效评价）';
  return e.counted ? '是' : '否（非最终评价）';
}

export function pathText(e: AnnualEntry): string {
  if (!e.decision) return '未决定';
  return PATH_ZH[e.decision.path] + (e.decision.awaitingApproval ? '（待审批）' : '');
}

/** 情况说明: the call-back, the decision with its explanation, deadline, category and approval; a reopening. */
export function explanationText(e: AnnualEntry, n: AnnualNames): string {
  const lines: string[] = [];
  if (e.callBack) lines.push(`回访：${CONTACT_ZH[e.callBack.channel]}，${n.staff(e.callBack.by)}${e.callBack.note ? `，${e.callBack.note}` : ''}`);
  else if (e.realName) lines.push(`回访：未联系上（${e.callAttempts} 次）`);
  const d = e.decision;
  if (d) {
    lines.push(`处理：${PATH_ZH[d.path]}，${n.staff(d.by)}`);
    if (d.reason) lines.push(`不予采纳类别：${NOT_ADOPTED_ZH[d.reason]}`);
    if (d.text) lines.push(`${d.path === 'NOT_ADOPTED' ? '核实依据' : '说明'}：${d.text}`);
    if (d.deadline) lines.push(`另定期限：${d.deadline}`);
    if (d.approved) lines.push(`审批：${n.staff(d.approved.by)}，${formatCstMinute(d.approved.at)}`);
    else if (d.awaitingApproval) lines.push(`审批：待${d.approverId ? n.staff(d.approverId) : ''}审批`);
  }
  if (e.reopened) lines.push(`重新开启 ${e.reopened.count} 次，最近：${formatCstMinute(e.reopened.lastAt)}，${e.reopened.lastReason}`);
  return lines.join('\n') || '—';
}

export function rectificationText(e: AnnualEntry, n: AnnualNames): string {
  if (e.rectification) return `${e.rectification.what}\n（${n.staff(e.rectification.by)}）`;
  return e.decision?.path === 'NOT_ADOPTED' ? '不予采纳，无需整改' : '未整改';
}

export function replyText(e: AnnualEntry, n: AnnualNames): string {
  if (e.reply) return `${CONTACT_ZH[e.reply.channel]}：${e.reply.text}\n（${n.staff(e.reply.by)}）`;
  return e.realName ? '未回复' : '匿名，无需回复';
}

export function statusText(e: AnnualEntry): string {
  return [
    e.closedAt !== null ? '已办结' : '办理中',
    `回访：${DEADLINE_ZH[e.callBackState]}`,
    `整改：${DEADLINE_ZH[e.fixState]}`,
    ...(e.fixDue.certain && (e.callBackDue?.certain ?? true) ? [] : ['（期限含未公布节假日的年份，为估算）']),
  ].join('\n');
}

export function subtotalText(t: AnnualSubtotal): string {
  return (
    `小计：差评 ${t.total} 件（计入统计 ${t.counted}，无效 ${t.invalid}，实名 ${t.realName}）；` +
    `立行立改 ${t.byPath.FIX_NOW}，5个工作日内整改 ${t.byPath.FIX_WITHIN_5}，特殊情况 ${t.byPath.SPECIAL}，不予采纳 ${t.byPath.NOT_ADOPTED}，未决定 ${t.undecided}` +
    `（待审批 ${t.awaitingApproval}）；已整改 ${t.rectified}，已回复 ${t.replied}，已办结 ${t.closed}，超期 ${t.overdue}`
  );
}
