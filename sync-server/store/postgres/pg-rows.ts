import { placeholders, type PgQueryable } from './pg-db';

/** PostgreSQL's limit on bound parameters in one statement. */
const MAX_PARAMS = 65_535;

/**
 * Writes many rows with multi-row INSERTs, `rowsPerStatement` rows a statement (fewer if the columns would pass
 * the parameter limit): one round trip per chunk instead of per row, which is what makes a batch of thousands of
 * ratings fast. `tail` is what follows VALUES (ON CONFLICT …, RETURNING …); the returned rows of every chunk
 * come back together.
 */
export async function insertRows<R = Record<string, any>>(
  q: PgQueryable,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  tail = '',
  rowsPerStatement = 500,
): Promise<R[]> {
  const perChunk = Math.max(1, Math.min(rowsPerStatement, Math.floor(MAX_PARAMS / columns.length)));
  const returned: R[] = [];
  for (let i = 0; i < rows.length; i += perChunk) {
    const chunk = rows.slice(i, i + perChunk);
    const values = chunk.map((_, r) => `(${placeholders(columns.length, r * columns.length + 1)})`).join(', ');
    const result = await q.query<R>(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values} ${tail}`, chunk.flat());
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
export async function classifyInserted<I, S>(
  items: readonly I[],
  idOf: (item: I) => string,
  insertedIds: Iterable<string>,
  stored: (ids: string[]) => Promise<Map<string, S>>,
  sameAsStored: (item: I, stored: S) => boolean,
): Promise<('accepted' | 'duplicate' | 'conflict')[]> {
  const fresh = new Set(insertedIds);
  const isNew = items.map((item) => fresh.delete(idOf(item)));
  const others = [...new Set(items.filter((_, i) => !isNew[i]).map(idOf))];
  const found = others.length ? await stored(others) : new Map<string, S>();
  return items.map((item, i) => {
    if (isNew[i]) return 'accepted';
    const s = found.get(idOf(item));
    if (s === undefined) throw new Error(`row ${idOf(item)} neither inserted nor stored`);
    return sameAsStored(item, s) ? 'duplicate' : 'conflict';
  });
}
