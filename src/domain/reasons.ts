import type { Reason, ReasonKey } from './base-schemas';

export type { Reason, ReasonKey };

export const OTHER_REASON: ReasonKey = 'OTHER';


type Row = [key: string, zh: string, en: string, bo: string];

// Tibetan drafts: listed for a native speaker's review in src/i18n/locales/bo/NEEDS-REVIEW.md.
const ROWS: Row[] = [
  ['ATTITUDE', '服务态度不热情、不主动', 'Unfriendly or passive attitude', 'ཞབས་ཞུའི་ཀུན་སྤྱོད་སྙིང་ཉེ་མེད་པ་དང་རང་འགུལ་མེད་པ།'],
  ['EFFICIENCY', '办事效率低、推诿扯皮', 'Slow, or passed from desk to desk', 'ལས་དོན་སྒྲུབ་པའི་ནུས་ཚད་དམའ་བ་དང་འགན་འཕྲི་བ།'],
  ['DISCIPLINE', '工作纪律不严肃', 'Lax work discipline', 'ལས་ཀའི་སྒྲིག་ཁྲིམས་ལྷོད་པ།'],
  ['PROFICIENCY', '业务不熟练', 'Not familiar with the work', 'ལས་དོན་ལ་བྱང་ཆུབ་མེད་པ།'],
  ['NOT_TOLD_AT_ONCE', '未一次性告知，导致来回跑', 'Not told everything at once, had to come back', 'ཐེངས་གཅིག་ལ་ཚང་མ་བརྡ་མ་སྤྲད་པས་ཡང་ཡང་འགྲོ་དགོས་བྱུང་བ།'],
  ['ABSENT', '上班时间窗口空岗', 'Window unattended during office hours', 'ལས་ཀའི་དུས་ཚོད་ནང་སྒེའུ་ཁུང་དུ་མི་མེད་པ།'],
  ['EXTRA_MATERIALS', '要求提供办事指南以外的材料', 'Asked for materials beyond the service guide', 'ལས་དོན་ལམ་སྟོན་ལས་བརྒལ་བའི་ཡིག་ཆ་བླངས་པ།'],
  ['PROCESS_MISMATCH', '办理流程与办事指南不符', 'Process differs from the service guide', 'ལས་སྒྲུབ་བྱ་རིམ་དང་ལས་དོན་ལམ་སྟོན་མི་མཐུན་པ།'],
  ['OVERDUE', '未在承诺时限内办结', 'Not finished within the promised time', 'ཁས་ལེན་བྱས་པའི་དུས་ཚོད་ནང་ལས་དོན་མ་གྲུབ་པ།'],
  ['MULTIPLE_DEPARTMENTS', '需要跑多个部门', 'Had to visit several departments', 'སྡེ་ཚན་མང་པོར་འགྲོ་དགོས་བྱུང་བ།'],
  ['OBVIOUS_ERROR', '办理结果有明显错误', 'Obvious error in the result', 'ལས་སྒྲུབ་འབྲས་བུར་ནོར་འཁྲུལ་གསལ་པོ་ཡོད་པ།'],
  ['REFUSED_WITHOUT_REASON', '不予受理或不予许可未说明理由', 'Refused without a reason', 'རྒྱུ་མཚན་མ་བཤད་པར་ལེན་མ་བྱས་པའམ་ཆོག་མཆན་མ་སྤྲད་པ།'],
  ['OTHER', '其他', 'Other', 'གཞན།'],
];

/** The starting list of DOMAIN.md; the server seeds its catalogue from it. */
export const DEFAULT_REASONS: readonly Reason[] = ROWS.map(([key, zh, en, bo], i) => ({
  key,
  label: { 'zh-CN': zh, en, bo },
  sortOrder: (i + 1) * 10,
  active: true,
}));
