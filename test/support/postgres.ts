import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { ContactCipher } from '../../sync-server/crypto/contact-cipher';
import { openPostgresStore } from '../../sync-server/store/postgres/open-postgres';
import type { Store } from '../../sync-server/store/store';

/**
 * The PostgreSQL the tests use: HCP_TEST_DATABASE_URL, or the machine's own server (trust auth). Each test gets a
 * schema of its own (dropped by dropTestSchemas), so tests run in parallel on one database and leave nothing.
 */
export const PG_TEST_URL = process.env.HCP_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const made: string[] = [];

/** A new schema name, remembered for dropTestSchemas. */
export function newTestSchema(prefix = 'hcp_test'): string {
  const schema = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  made.push(schema);
  return schema;
}

/**
 * A migrated PostgreSQL store in a new schema, with a new contact key (like a new SQLite data folder). Instances
 * sharing one schema share their key too (pass the same cipher), as servers sharing a database share the key file.
 */
export async function openTestPgStore(schema = newTestSchema(), cipher = new ContactCipher(randomBytes(32))): Promise<Store> {
  return openPostgresStore({ connectionString: PG_TEST_URL, schema, max: 4 }, cipher);
}

/** Drops every schema this process made (afterAll). */
export async function dropTestSchemas(): Promise<void> {
  if (made.length === 0) return;
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  try {
    for (const schema of made.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
