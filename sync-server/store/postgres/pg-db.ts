import pg from 'pg';

/** Rows of a query, typed by the caller (column names as in the schema, snake_case). */
export type Rows<R> = R[];

/** What a part of the store runs its SQL on: the pool outside a transaction, one client inside. */
export interface PgQueryable {
  query<R = Record<string, any>>(sql: string, params?: readonly unknown[]): Promise<Rows<R>>;
}

export interface PgDb extends PgQueryable {
  /**
   * Runs `fn` in one transaction on one client (READ COMMITTED; the parts take the row or advisory locks they
   * need). A deadlock or serialization failure rolls back and runs `fn` again, up to five times: `fn` must only
   * read and write through the client it is given.
   */
  tx<T>(fn: (client: PgQueryable) => Promise<T>): Promise<T>;
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

export interface PgOptions {
  connectionString: string;
  /** A schema to use instead of `public` (created if missing): each test gets its own. */
  schema?: string;
  /** Pool size per instance (PGPOOL_MAX, default 10). */
  max?: number;
}

const INT8_OID = 20;

/**
 * BIGINT (times in Unix ms, sequence numbers, counts) read as a JS number: every value this store keeps is below
 * 2^53. Per pool, not pg's global parser, so another pg user in the process is not changed.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

const RETRYABLE = new Set(['40P01', '40001']);

/** What PostgreSQL text cannot hold and a JavaScript string (and SQLite) can: NUL and a lone UTF-16 surrogate. */
export const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A string parameter with such a character gets U+FFFD in its place (what pg would send for a lone surrogate
 * anyway) instead of failing the statement: a client's odd text is stored, never a 500. Keys, hashes and
 * ciphertexts are ASCII and pass untouched.
 */
function storableParam(value: unknown): unknown {
  if (value instanceof StorableText) return value.text;
  return typeof value === 'string' ? value.replace(UNSTORABLE_TEXT, '\ufffd') : value;
}

/** A text parameter already made storable (a batch's JSON, hundreds of KiB): passed on without a second scan. */
export class StorableText {
  constructor(readonly text: string) {}
}

export function isValidSchemaName(schema: string): boolean {
  return /^[a-z_][a-z0-9_]{0,62}$/.test(schema);
}

export function openPgDb(options: PgOptions): PgDb {
  if (options.schema !== undefined && !isValidSchemaName(options.schema)) throw new Error(`not a schema name: ${options.schema}`);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    types,
    // The schema travels with every connection, so no query needs to name it.
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client that loses its server (a restart) must not crash the process: the pool drops it.
  pool.on('error', () => {});
  const asQueryable = (c: pg.Pool | pg.PoolClient): PgQueryable => ({
    async query<R>(sql: string, params?: readonly unknown[]) {
      return (await c.query(sql, params?.map(storableParam))).rows as R[];
    },
  });
  return {
    pool,
    ...asQueryable(pool),
    async tx<T>(fn: (client: PgQueryable) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await fn(asQueryable(client));
          await client.query('COMMIT');
          client.release();
          return result;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          client.release();
          if (attempt < 5 && RETRYABLE.has((err as { code?: string }).code ?? '')) continue;
          throw err;
        }
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** `$1, $2, …` for n parameters from `start`. */
export function placeholders(n: number, start = 1): string {
  return Array.from({ length: n }, (_, i) => `$${start + i}`).join(', ');
}
