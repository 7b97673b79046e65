import { StorableText, UNSTORABLE_TEXT, type PgQueryable } from './pg-db';

/** Rows a statement carries at most (a push batch is up to 2,000 items): bounds one statement's size. */
const ROWS_PER_STATEMENT = 2000;

/**
 * What PostgreSQL's text cannot hold and SQLite's can: NUL, and a lone UTF-16 surrogate (a JavaScript string may
 * carry one). JSON.stringify writes both as escapes, which is what the fast test looks for.
 */
const ESCAPED_UNSTORABLE = /\\u(0000|[dD][89a-fA-F])/;

/**
 * The rows as one JSON text. A character text cannot hold becomes U+FFFD in the plain columns (what a lone
 * surrogate bound as a parameter becomes anyway) rather than failing the batch, which a device would send again
 * for ever; encrypted columns keep the original. The slower replacer runs only when the fast text shows one.
 */
function rowsJson(rows: readonly object[]): string {
  const json = JSON.stringify(rows);
  if (!ESCAPED_UNSTORABLE.test(json)) return json;
  return JSON.stringify(rows, (_key, value) => (typeof value === 'string' ? value.replace(UNSTORABLE_TEXT, '\ufffd') : value));
}

/**
 * Writes many rows in one statement per 2,000: the rows travel as one JSON parameter and
 * json_populate_recordset types each column by the table's own definition. Measured against multi-row VALUES
 * with 500 rows of bound parameters a statement, two to three times the ratings a second, since neither the
 * client nor the server handles tens of thousands of parameters. Object keys are the column names; `tail` is
 * what follows (ON CONFLICT …, RETURNING …); the returned rows of every statement come back together.
 */
export async function insertRows<R = Record<string, any>>(
  q: PgQueryable,
  table: string,
  columns: readonly string[],
  rows: readonly object[],
  tail = '',
): Promise<R[]> {
  const returned: R[] = [];
  const list = columns.join(', ');
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const result = await q.query<R>(
      // Ordered by position: identity columns (ratings.seq) number the rows in the order given.
      `INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, $1::json) WITH ORDINALITY AS r ORDER BY r.ordinality ${tail}`,
      [new StorableText(rowsJson(chunk))],
    );
    for (const row of result) returned.push(row);
  }
  return returned;
}

/**
 * The answer per item of a batch written with ON CONFLICT (id) DO NOTHING: an item whose id the insert returned
 * is new, the first time that id appears in the batch; every other one (stored before, or a second copy in the
 * same batch) is compared with what is stored under its id. `stored` reads the stored values of the ids asked for,
 * inside the same transaction: after the insert, every id of the batch is there (a concurrent writer of the same
 * id made the insert wait for its commit).
 */
export async function classifyInserted<I, S, M = never>(
  items: readonly I[],
  idOf: (item: I) => string,
  insertedIds: Iterable<string>,
  stored: (ids: string[]) => Promise<Map<string, S>>,
  sameAsStored: (item: I, stored: S) => boolean,
  /** An item neither inserted nor stored (another unique key than the id skipped it); throws when left out. */
  missing?: (item: I) => M,
): Promise<('accepted' | 'duplicate' | 'conflict' | M)[]> {
  const fresh = new Set(insertedIds);
  const isNew = items.map((item) => fresh.delete(idOf(item)));
  const others = [...new Set(items.filter((_, i) => !isNew[i]).map(idOf))];
  const found = others.length ? await stored(others) : new Map<string, S>();
  return items.map((item, i) => {
    if (isNew[i]) return 'accepted';
    const s = found.get(idOf(item));
    if (s === undefined) {
      if (missing) return missing(item);
      throw new Error(`row ${idOf(item)} neither inserted nor stored`);
    }
    return sameAsStored(item, s) ? 'duplicate' : 'conflict';
  });
}
