import { uuidv7 } from '../../../src/domain/ids';
import type { Row } from '../catalog-rows';
import {
  SERVICE_CASE_LOOKUP_CHUNK as LOOKUP_CHUNK,
  SERVICE_CASE_ON_CONFLICT,
  SERVICE_CASE_UPSERT_COLUMNS,
  serviceCaseFromRow,
  serviceCaseListSql,
  serviceCaseUpsertValues,
  SYSTEM_TOKEN_COLUMNS,
  systemTokenFromRow,
  systemTokenValues,
  touchSystemTokenSql,
  touchSystemTokenValues,
} from '../service-case-rows';
import type { ServiceCase, ServiceCaseFields, ServiceCaseUpsertOutcome } from '../../../src/domain/service-case';
import type { ServiceCaseStore, SystemTokenStore } from '../store';
import { UNSTORABLE_TEXT, type PgDb, type PgQueryable } from './pg-db';
import { insertRows } from './pg-rows';

const mark = (n: number) => `$${n}`;

/** The key as PostgreSQL stores it: text it cannot hold is stored as U+FFFD (pg-db.ts), so two such keys meet. */
const storable = (text: string) => text.replace(UNSTORABLE_TEXT, '\ufffd');
const keyOf = (unitId: string, caseNo: string) => `${storable(unitId)}\u0000${storable(caseNo)}`;

/**
 * The batch in rounds of distinct keys (the n-th item of each key in round n): one multi-row statement per round,
 * since one statement may not change a row twice, and the same key's items still apply in their order. Each
 * round's rows go sorted by key, so instances writing overlapping batches lock the keys in the same order and do
 * not deadlock. A 1,000-item batch was one statement per item before: about 0.5 s; now a statement or two.
 */
async function upsertInRounds(c: PgQueryable, items: readonly ServiceCaseFields[], at: number) {
  const out: { id: string; outcome: ServiceCaseUpsertOutcome }[] = new Array(items.length);
  const seen = new Map<string, number>();
  const rounds: number[][] = [];
  items.forEach((item, i) => {
    const key = keyOf(item.unitId, item.caseNo);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    (rounds[n] ??= []).push(i);
  });
  for (const round of rounds) {
    const keyed = round.map((i) => ({ i, key: keyOf(items[i].unitId, items[i].caseNo), proposed: uuidv7(at) }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const rows = keyed.map(({ i, proposed }) => {
      const values = serviceCaseUpsertValues(proposed, items[i], at);
      return Object.fromEntries(SERVICE_CASE_UPSERT_COLUMNS.map((col, k) => [col, values[k]]));
    });
    const written = await insertRows<{ id: string; unit_id: string; case_no: string }>(c, 'service_cases', SERVICE_CASE_UPSERT_COLUMNS, rows, SERVICE_CASE_ON_CONFLICT);
    const writtenIds = new Map(written.map((r) => [keyOf(r.unit_id, r.case_no), r.id]));
    const unchanged = keyed.filter((k) => !writtenIds.has(k.key));
    if (unchanged.length) {
      const stored = await c.query<{ id: string; unit_id: string; case_no: string }>(
        'SELECT id, unit_id, case_no FROM service_cases WHERE (unit_id, case_no) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
        // Array elements are not made storable by pg-db.ts (only plain string parameters): done here, as keyOf does.
        [unchanged.map((k) => storable(items[k.i].unitId)), unchanged.map((k) => storable(items[k.i].caseNo))],
      );
      for (const r of stored) writtenIds.set(keyOf(r.unit_id, r.case_no), r.id);
    }
    const changed = new Set(written.map((r) => r.id));
    for (const { i, key, proposed } of keyed) {
      const id = writtenIds.get(key);
      if (id === undefined) throw new Error(`办件 ${items[i].caseNo} neither written nor stored`);
      out[i] = { id, outcome: !changed.has(id) ? 'unchanged' : id === proposed ? 'added' : 'updated' };
    }
  }
  return out;
}

/** 办件 by (unit, 办件编号) on PostgreSQL, and the business-system tokens that write them. */
export function pgServiceCases(db: PgDb): ServiceCaseStore & SystemTokenStore {
  const one = async (sql: string, values: unknown[]) => (await db.query<Row>(sql, values))[0] ?? null;
  return {
    async upsertServiceCases(items, at) {
      return db.tx((c) => upsertInRounds(c, items, at));
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
    async findServiceCases(unitId, caseNos) {
      // Stored keys hold U+FFFD where the text had what PostgreSQL cannot hold: asked and matched in that form.
      const found = new Map<string, ServiceCase>();
      for (let i = 0; i < caseNos.length; i += LOOKUP_CHUNK) {
        const chunk = caseNos.slice(i, i + LOOKUP_CHUNK).map(storable);
        for (const row of await db.query<Row>('SELECT * FROM service_cases WHERE unit_id = $1 AND case_no = ANY($2::text[])', [unitId, chunk])) found.set(row.case_no, serviceCaseFromRow(row));
      }
      return caseNos.map((n) => found.get(storable(n)) ?? null);
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
