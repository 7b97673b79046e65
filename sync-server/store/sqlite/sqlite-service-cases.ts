import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../src/domain/ids';
import type { ServiceCase } from '../../../src/domain/service-case';
import {
  SERVICE_CASE_LOOKUP_CHUNK as LOOKUP_CHUNK,
  serviceCaseFromRow,
  serviceCaseListSql,
  serviceCaseUpsertSql,
  serviceCaseUpsertValues,
  SYSTEM_TOKEN_COLUMNS,
  systemTokenFromRow,
  systemTokenValues,
  touchSystemTokenSql,
  touchSystemTokenValues,
} from '../service-case-rows';
import type { Row } from '../catalog-rows';
import type { ServiceCaseStore, SystemTokenStore } from '../store';

const q = () => '?';

/** 办件 by (unit, 办件编号), and the business-system tokens that write them. */
export function sqliteServiceCases(db: Database.Database): ServiceCaseStore & SystemTokenStore {
  const upsert = db.prepare(serviceCaseUpsertSql(q));
  const byKey = db.prepare('SELECT * FROM service_cases WHERE unit_id = ? AND case_no = ?');
  // The numbers as one JSON array parameter: one statement for thousands of keys, each found by the unique index.
  const byKeys = db.prepare('SELECT * FROM service_cases WHERE unit_id = ? AND case_no IN (SELECT value FROM json_each(?))');
  const byId = db.prepare('SELECT * FROM service_cases WHERE id = ?');
  const insertToken = db.prepare(`INSERT INTO system_tokens (${SYSTEM_TOKEN_COLUMNS.join(', ')}) VALUES (${SYSTEM_TOKEN_COLUMNS.map(q).join(', ')})`);
  const tokenByHash = db.prepare('SELECT * FROM system_tokens WHERE token_hash = ?');
  const tokens = db.prepare('SELECT * FROM system_tokens ORDER BY created_at DESC, id');
  const touch = db.prepare(touchSystemTokenSql(q));
  const revoke = db.prepare('UPDATE system_tokens SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL');
  return {
    async upsertServiceCases(items, at) {
      // IMMEDIATE: the write lock first, so another process's batch cannot slip between the items of this one.
      return db.transaction(() =>
        items.map((c) => {
          const proposed = uuidv7(at);
          const written = upsert.get(...serviceCaseUpsertValues(proposed, c, at)) as { id: string } | undefined;
          if (written) return { id: written.id, outcome: written.id === proposed ? ('added' as const) : ('updated' as const) };
          return { id: (byKey.get(c.unitId, c.caseNo) as { id: string }).id, outcome: 'unchanged' as const };
        }),
      ).immediate();
    },
    async listServiceCases(filter) {
      const { sql, values } = serviceCaseListSql(filter, q);
      return (db.prepare(sql).all(...values) as Row[]).map(serviceCaseFromRow);
    },
    async getServiceCase(id) {
      const row = byId.get(id) as Row | undefined;
      return row ? serviceCaseFromRow(row) : null;
    },
    async findServiceCase(unitId, caseNo) {
      const row = byKey.get(unitId, caseNo) as Row | undefined;
      return row ? serviceCaseFromRow(row) : null;
    },
    async findServiceCases(unitId, caseNos) {
      const found = new Map<string, ServiceCase>();
      for (let i = 0; i < caseNos.length; i += LOOKUP_CHUNK) {
        for (const row of byKeys.all(unitId, JSON.stringify(caseNos.slice(i, i + LOOKUP_CHUNK))) as Row[]) found.set(row.case_no, serviceCaseFromRow(row));
      }
      return caseNos.map((n) => found.get(n) ?? null);
    },
    async insertSystemToken(token) {
      insertToken.run(...systemTokenValues(token));
    },
    async findSystemTokenByHash(hash) {
      const row = tokenByHash.get(hash) as Row | undefined;
      return row ? systemTokenFromRow(row) : null;
    },
    async listSystemTokens() {
      return (tokens.all() as Row[]).map(systemTokenFromRow);
    },
    async revokeSystemToken(id, by, at) {
      return revoke.run(at, by, id).changes === 1;
    },
    async touchSystemToken(id, at) {
      touch.run(...touchSystemTokenValues(id, at));
    },
  };
}
