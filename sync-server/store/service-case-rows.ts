import type { ServiceCase, ServiceCaseFields } from '../../src/domain/service-case';
import type { Row } from './catalog-rows';
import type { ParamMark } from './sql-build';
import type { ServiceCaseFilter, StoredSystemToken } from './store';

/* 办件 and business-system tokens as columns and back, and the SQL both SQL stores run alike (only the parameter
   marks differ). */

export const serviceCaseFromRow = (r: Row): ServiceCase => ({
  id: r.id,
  caseNo: r.case_no,
  serviceItemId: r.service_item_id,
  unitId: r.unit_id,
  windowId: r.window_id,
  staffId: r.staff_id,
  applicantType: r.applicant_type,
  acceptedAt: r.accepted_at,
  finishedAt: r.finished_at,
  status: r.status,
  source: r.source,
  receivedAt: r.received_at,
  updatedAt: r.updated_at,
});

/** The columns an update may change: everything the source decides but the key and the first source. */
const CHANGEABLE = ['service_item_id', 'window_id', 'staff_id', 'applicant_type', 'accepted_at', 'finished_at', 'status'] as const;
const INSERTED = ['id', 'unit_id', 'case_no', ...CHANGEABLE, 'source', 'received_at', 'updated_at'] as const;

/** 办件编号 looked up per statement by findServiceCases (a 5 MiB import is some 60,000). */
export const SERVICE_CASE_LOOKUP_CHUNK = 5000;

/** The columns an upsert writes, in order. */
export const SERVICE_CASE_UPSERT_COLUMNS = INSERTED;

/**
 * What follows an INSERT of 办件 rows: on a known key, the changeable columns are set only when one differs (IS
 * DISTINCT FROM: NULL equals NULL), else nothing is written. RETURNING gives each row written, none when unchanged;
 * the id it returns is the proposed one only for a row inserted by this statement, which tells 'added' from
 * 'updated' without a read before the write (another instance may insert the key between the two).
 */
export const SERVICE_CASE_ON_CONFLICT = `ON CONFLICT (unit_id, case_no) DO UPDATE SET ${[...CHANGEABLE, 'updated_at'].map((c) => `${c} = excluded.${c}`).join(', ')}
    WHERE ${CHANGEABLE.map((c) => `service_cases.${c} IS DISTINCT FROM excluded.${c}`).join(' OR ')}
    RETURNING id, unit_id, case_no`;

/** One 办件 by its key (SERVICE_CASE_ON_CONFLICT), with serviceCaseUpsertValues. */
export function serviceCaseUpsertSql(mark: ParamMark): string {
  return `INSERT INTO service_cases (${INSERTED.join(', ')}) VALUES (${INSERTED.map((_, i) => mark(i + 1)).join(', ')}) ${SERVICE_CASE_ON_CONFLICT}`;
}

/** The values of serviceCaseUpsertSql, in the order of SERVICE_CASE_UPSERT_COLUMNS. */
export const serviceCaseUpsertValues = (id: string, c: ServiceCaseFields, at: number): unknown[] => [
  id,
  c.unitId,
  c.caseNo,
  c.serviceItemId,
  c.windowId,
  c.staffId,
  c.applicantType,
  c.acceptedAt,
  c.finishedAt,
  c.status,
  c.source,
  at,
  at,
];

/** SELECT of a list: the filters given, newest accepted first (ties by id, so pages are stable). */
export function serviceCaseListSql(f: ServiceCaseFilter, mark: ParamMark): { sql: string; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (cond: string, v: unknown) => {
    values.push(v);
    where.push(cond.replace('?', mark(values.length)));
  };
  if (f.staffId !== undefined) add('staff_id = ?', f.staffId);
  if (f.windowId !== undefined) add('window_id = ?', f.windowId);
  if (f.unitId !== undefined) add('unit_id = ?', f.unitId);
  if (f.from !== undefined) add('accepted_at >= ?', f.from);
  if (f.to !== undefined) add('accepted_at < ?', f.to);
  values.push(f.limit);
  return {
    sql: `SELECT * FROM service_cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY accepted_at DESC, id DESC LIMIT ${mark(values.length)}`,
    values,
  };
}

export const systemTokenFromRow = (r: Row): StoredSystemToken => ({
  id: r.id,
  unitId: r.unit_id,
  name: r.name,
  tokenHash: r.token_hash,
  createdBy: r.created_by,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
  lastUsedAt: r.last_used_at,
});

/** A token's use, written at most once a minute: marks `at`, then `id`, then `at` less a minute. */
export const touchSystemTokenSql = (mark: ParamMark) =>
  `UPDATE system_tokens SET last_used_at = ${mark(1)} WHERE id = ${mark(2)} AND (last_used_at IS NULL OR last_used_at < ${mark(3)})`;
export const touchSystemTokenValues = (id: string, at: number) => [at, id, at - 60_000];

export const SYSTEM_TOKEN_COLUMNS = ['id', 'unit_id', 'name', 'token_hash', 'created_by', 'created_at', 'revoked_at', 'revoked_by', 'last_used_at'] as const;
export const systemTokenValues = (t: StoredSystemToken): unknown[] => [t.id, t.unitId, t.name, t.tokenHash, t.createdBy, t.createdAt, t.revokedAt, t.revokedBy, t.lastUsedAt];
