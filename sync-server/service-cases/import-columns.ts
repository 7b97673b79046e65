import { importProblem, type ImportProblem } from './import-messages';

/** The eight columns of a hall business system's 办件 export, by their Chinese header and English key. */
export const SERVICE_CASE_COLUMNS = [
  { key: 'caseNo', zh: '办件编号' },
  { key: 'serviceItemCode', zh: '事项编码' },
  { key: 'windowNumber', zh: '窗口号' },
  { key: 'employeeNo', zh: '工号' },
  { key: 'acceptedAt', zh: '受理时间' },
  { key: 'finishedAt', zh: '办结时间' },
  { key: 'applicantType', zh: '申请人类型' },
  { key: 'status', zh: '状态' },
] as const;

export type ServiceCaseColumnKey = (typeof SERVICE_CASE_COLUMNS)[number]['key'];

export interface ColumnMap {
  /** The cell index of each column, and its header as written in the file (messages name it that way). */
  index: Record<ServiceCaseColumnKey, number>;
  label: Record<ServiceCaseColumnKey, string>;
  width: number;
}

const BY_NAME = new Map<string, ServiceCaseColumnKey>(
  SERVICE_CASE_COLUMNS.flatMap((c) => [[c.zh, c.key] as const, [c.key.toLowerCase(), c.key] as const]),
);

/** Header cells → where each column is; any column order; unknown names are notes, missing or doubled ones errors. */
export function mapColumns(header: string[]): { map?: ColumnMap; errors: ImportProblem[]; notes: ImportProblem[] } {
  const index: Partial<Record<ServiceCaseColumnKey, number>> = {};
  const label: Partial<Record<ServiceCaseColumnKey, string>> = {};
  const errors: ImportProblem[] = [];
  const notes: ImportProblem[] = [];
  header.forEach((raw, i) => {
    const name = raw.trim();
    if (name === '') return;
    const key = BY_NAME.get(name) ?? BY_NAME.get(name.toLowerCase());
    if (!key) return notes.push(importProblem('UNKNOWN_COLUMN', { column: name }));
    if (index[key] !== undefined) return errors.push(importProblem('DUPLICATE_COLUMN', { column: `${label[key]} / ${name}` }));
    index[key] = i;
    label[key] = name;
  });
  for (const column of SERVICE_CASE_COLUMNS) {
    if (index[column.key] === undefined) errors.push(importProblem('MISSING_COLUMN', { column: `${column.zh} (${column.key})` }));
  }
  if (errors.length > 0) return { errors, notes };
  return { map: { index: index as ColumnMap['index'], label: label as ColumnMap['label'], width: header.length }, errors, notes };
}
