import { uuidv7 } from '../../../src/domain/ids';
import type { Row } from '../catalog-rows';
import {
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
import type { ServiceCaseStore, SystemTokenStore } from '../store';
import type { PgDb } from './pg-db';

const mark = (n: number) => `$${n}`;
const UPSERT = serviceCaseUpsertSql(mark);

/** 办件 by (unit, 办件编号) on PostgreSQL, and the business-system tokens that write them. */
export function pgServiceCases(db: PgDb): ServiceCaseStore & SystemTokenStore {
  const one = async (sql: string, values: unknown[]) => (await db.query<Row>(sql, values))[0] ?? null;
  return {
    async upsertServiceCases(items, at) {
      // One statement per item, in order: the same key twice in a batch is one row changed twice, which a single
      // multi-row ON CONFLICT statement refuses. The unique key decides between instances (READ COMMITTED:
      // ON CONFLICT waits for the other transaction's row, then updates it or leaves it).
      return db.tx(async (c) => {
        const out: { id: string; outcome: 'added' | 'updated' | 'unchanged' }[] = [];
        for (const item of items) {
          const proposed = uuidv7(at);
          const [written] = await c.query<{ id: string }>(UPSERT, serviceCaseUpsertValues(proposed, item, at));
          if (written) {
            out.push({ id: written.id, outcome: written.id === proposed ? 'added' : 'updated' });
            continue;
          }
          const [stored] = await c.query<{ id: string }>('SELECT id FROM service_cases WHERE unit_id = $1 AND case_no = $2', [item.unitId, item.caseNo]);
          out.push({ id: stored.id, outcome: 'unchanged' });
        }
        return out;
      });
    },
    async listServiceCases(filter) {
      const { sql, values } = serviceCaseListSql(filter, mark);
      return (await db.query<Row>(sql, values)).map(serviceCaseFromRow);
    },
    async getServiceCase(id) {
      const row = await one('SELECT * FROM service_cases WHERE id = $1', [id]);
      return row ? serviceCaseFromRow(row) : null;
    },
    async findServiceCase(unitId, caseNo) {
      const row = await one('SELECT * FROM service_cases WHERE unit_id = $1 AND case_no = $2', [unitId, caseNo]);
      return row ? serviceCaseFromRow(row) : null;
    },
    async insertSystemToken(token) {
      await db.query(`INSERT INTO system_tokens (${SYSTEM_TOKEN_COLUMNS.join(', ')}) VALUES (${SYSTEM_TOKEN_COLUMNS.map((_, i) => mark(i + 1)).join(', ')})`, systemTokenValues(token));
    },
    async findSystemTokenByHash(hash) {
      const row = await one('SELECT * FROM system_tokens WHERE token_hash = $1', [hash]);
      return row ? systemTokenFromRow(row) : null;
    },
    async listSystemTokens() {
      return (await db.query<Row>('SELECT * FROM system_tokens ORDER BY created_at DESC, id COLLATE "C"')).map(systemTokenFromRow);
    },
    async revokeSystemToken(id, by, at) {
      const rows = await db.query('UPDATE system_tokens SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL RETURNING id', [at, by, id]);
      return rows.length === 1;
    },
    async touchSystemToken(id, at) {
      await db.query(touchSystemTokenSql(mark), touchSystemTokenValues(id, at));
    },
  };
}
