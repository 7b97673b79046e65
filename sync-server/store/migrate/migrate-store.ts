import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { PgDb, PgQueryable } from '../postgres/pg-db';
import type { RatingRow } from '../rating-row';
import { rekeyRatingRow, type Rekey } from './rekey-rating';

type Row = Record<string, any>;

/** How one table is copied: what decides "already there", what is left to the target, what changes on the way. */
interface TableCopy {
  table: string;
  /** Order of reading (and so of the target's new sequence numbers). */
  orderBy: string;
  /** Columns the target makes itself (its own sequence numbers). */
  skip?: string[];
  transform?: (row: Row, ctx: CopyContext) => Row;
}

interface CopyContext {
  keys: Rekey;
  /** Stable name of the source database, for rows with no natural key (audit entries). */
  origin: string;
  digestsNotFound: number;
}

/**
 * Every table that holds the hall's work, parents first. Left out on purpose: sessions (people sign in again),
 * attempt limits (they expire within the hour), server settings and the catalogue version (the province's own),
 * schema_migrations.
 */
const TABLES: TableCopy[] = [
  { table: 'units', orderBy: 'id' },
  { table: 'windows', orderBy: 'id' },
  { table: 'staff', orderBy: 'id' },
  { table: 'reasons', orderBy: 'key' },
  { table: 'service_items', orderBy: 'id' },
  { table: 'staff_photos', orderBy: 'staff_id' },
  { table: 'calendar_years', orderBy: 'year' },
  {
    table: 'ratings',
    orderBy: 'seq',
    skip: ['seq'],
    transform(row, ctx) {
      const { row: moved, digestFound } = rekeyRatingRow(row as RatingRow, ctx.keys);
      if (!digestFound) ctx.digestsNotFound += 1;
      return moved;
    },
  },
  {
    table: 'rating_conflicts',
    orderBy: 'id',
    skip: ['id'],
    transform(row, { keys }) {
      if (keys.same) return row;
      // The conflicting record is kept without its contact and with a scrubbed comment: its digest cannot be
      // made again, so it gets a stable new one (the pair rating id + digest stays unique; a second run matches).
      return {
        ...row,
        payload_hash: keys.to.fingerprint(`moved:${row.payload_hash}`),
        contact_enc: row.contact_enc ? keys.to.encrypt(keys.from.decrypt(row.contact_enc)) : null,
        comment_enc: row.comment_enc ? keys.to.encryptText(keys.from.decryptText(row.comment_enc)) : null,
      };
    },
  },
  {
    table: 'rating_photos',
    orderBy: 'rating_id',
    transform(row, { keys }) {
      if (keys.same) return row;
      const plain = keys.from.decryptBytes(row.bytes_enc);
      return { ...row, bytes_enc: keys.to.encryptBytes(plain), sha256: keys.to.fingerprint(createHash('sha256').update(plain).digest('base64url')) };
    },
  },
  { table: 'paper_checks', orderBy: 'rating_id' },
  { table: 'cases', orderBy: 'id' },
  { table: 'case_events', orderBy: 'seq', skip: ['seq'] },
  {
    table: 'audit_log',
    orderBy: 'seq',
    skip: ['seq'],
    // No natural key: the source's name and sequence number say "this entry is here already".
    transform: (row, { origin }) => ({ ...row, imported_from: `${origin}:${row.seq}` }),
  },
  { table: 'devices', orderBy: 'id' },
  { table: 'enrolment_codes', orderBy: 'code_hash' },
  { table: 'role_grants', orderBy: 'id' },
  { table: 'abandoned_taps', orderBy: 'id' },
  // A 办件 already in the target under its (unit, 办件编号) with another id is left as it is there (ON CONFLICT).
  { table: 'service_cases', orderBy: 'id' },
  { table: 'system_tokens', orderBy: 'id' },
  // After their 办件: an invitation names the one it rates (null for a kiosk's own of a 办件 the server lacked).
  { table: 'rating_invitations', orderBy: 'id' },
  // Supervision's marks and the staff sign-ins on devices the flags read (issue 14).
  { table: 'rating_reviews', orderBy: 'rating_id' },
  { table: 'staff_device_sign_ins', orderBy: 'id' },
  // A lead's or the office's decision on publishing a comment (issue 16): the text kept is already scrubbed, no key.
  { table: 'comment_publications', orderBy: 'rating_id' },
  // Phone-page links: only token hashes, so printed QR codes keep working under the province's key; a link asked
  // for again there is derived under that key and gets a row of its own beside the old one (rating-link-rows.ts).
  { table: 'rating_links', orderBy: 'id' },
  // Month close (issue 15): the submitted versions, as submitted (their signatures name rating ids, kept on the move).
  { table: 'month_closes', orderBy: 'id' },
];

export const MOVED_TABLES = TABLES.map((t) => t.table);

export interface MoveReport {
  tables: { table: string; read: number; added: number }[];
  /** Ratings whose digest could not be rebuilt: a later replay of one of them is kept as a conflict, not doubled. */
  digestsNotFound: number;
}

export class MoveRefused extends Error {}

const PAGE = 500;

/** 工号 are unique in the province: a hall's 工号 taken by another person there stops the move before any write. */
async function checkEmployeeNumbers(source: Database.Database, target: PgQueryable) {
  const staff = source.prepare('SELECT id, employee_no FROM staff').all() as { id: string; employee_no: string }[];
  if (staff.length === 0) return;
  const taken = await target.query<{ id: string; employee_no: string }>('SELECT id, employee_no FROM staff WHERE employee_no = ANY($1)', [
    staff.map((s) => s.employee_no),
  ]);
  const byNo = new Map(staff.map((s) => [s.employee_no, s.id]));
  const clashes = taken.filter((t) => byNo.get(t.employee_no) !== t.id).map((t) => t.employee_no);
  if (clashes.length > 0) throw new MoveRefused(`工号 ${clashes.join(', ')} belong to other people in the target database: give them new 工号 first`);
}

async function copyTable(source: Database.Database, target: PgQueryable, spec: TableCopy, ctx: CopyContext) {
  const columns = (source.prepare(`SELECT name FROM pragma_table_info('${spec.table}')`).pluck().all() as string[]).filter(
    (c) => !spec.skip?.includes(c),
  );
  // Keyset pages (the order column is unique): a hall's years of ratings neither sit in memory nor get re-read.
  const first = source.prepare(`SELECT * FROM ${spec.table} ORDER BY ${spec.orderBy} LIMIT ?`);
  const next = source.prepare(`SELECT * FROM ${spec.table} WHERE ${spec.orderBy} > ? ORDER BY ${spec.orderBy} LIMIT ?`);
  let read = 0;
  let added = 0;
  for (let after: unknown = undefined; ; ) {
    const rows = (after === undefined ? first.all(PAGE) : next.all(after, PAGE)) as Row[];
    if (rows.length === 0) break;
    after = rows[rows.length - 1][spec.orderBy];
    read += rows.length;
    const moved = rows.map((r) => (spec.transform ? spec.transform(r, ctx) : r));
    const cols = spec.table === 'audit_log' ? [...columns, 'imported_from'] : columns;
    const params: unknown[] = [];
    const tuples = moved.map((r) => `(${cols.map((c) => (params.push(r[c] ?? null), `$${params.length}`)).join(', ')})`);
    // Any unique key already there (id, the audit origin) means this row was moved by an earlier run.
    const inserted = await target.query(`INSERT INTO ${spec.table} (${cols.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING RETURNING 1`, params);
    added += inserted.length;
  }
  return { table: spec.table, read, added };
}

/**
 * Copies a hall's SQLite database into the PostgreSQL store in one transaction: all of it or nothing, and a
 * second run adds nothing (every row has a key the target recognises). Contact data, comments and photos are
 * re-encrypted and every fingerprint made again under the target's key, unless both keys are the same.
 */
export async function moveSqliteToPostgres(source: Database.Database, target: PgDb, keys: Rekey): Promise<MoveReport> {
  const mode = source.prepare("SELECT value FROM server_settings WHERE key = 'mode'").pluck().get() as string | undefined;
  if (mode === 'demo') throw new MoveRefused('the source is the demo hall: its made-up ratings must not join real figures');
  const ctx: CopyContext = { keys, origin: `sqlite:${keys.from.fingerprint('haochaping database origin')}`, digestsNotFound: 0 };
  return target.tx(async (client) => {
    // One move at a time into a database: a second waits, then finds everything there.
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('haochaping-move-store', 0))`);
    await checkEmployeeNumbers(source, client);
    ctx.digestsNotFound = 0;
    const tables = [];
    for (const spec of TABLES) tables.push(await copyTable(source, client, spec, ctx));
    // Kiosks of the moved hall fetch their catalogue again from the province.
    await client.query('UPDATE catalog_version SET version = version + 1 WHERE id = 1');
    return { tables, digestsNotFound: ctx.digestsNotFound };
  });
}
