import { ContactCipher } from '../crypto/contact-cipher';
import { loadContactKey, type LoadedKey } from '../crypto/contact-key';
import { isPostgresUrl, openPostgresStore } from './postgres/open-postgres';
import { openSqliteStore } from './sqlite/open-sqlite';
import type { Store } from './store';

export interface OpenedStore {
  store: Store;
  key: LoadedKey;
}

/**
 * DATABASE_URL=postgres://… selects PostgreSQL (PGPOOL_MAX connections per instance, default 10); without it,
 * the embedded SQLite store in dataDir. The contact key comes from HCP_CONTACT_KEY or the key file in dataDir
 * either way: every instance on one PostgreSQL database must be given the same key.
 */
export async function openStore(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<OpenedStore> {
  const url = env.DATABASE_URL?.trim();
  if (url && !isPostgresUrl(url)) throw new Error('DATABASE_URL must be a postgres:// or postgresql:// address (leave it unset for the embedded SQLite store)');
  const key = loadContactKey(dataDir, env);
  const cipher = new ContactCipher(key.key);
  let store: Store;
  if (isPostgresUrl(url)) {
    const max = env.PGPOOL_MAX ? Number(env.PGPOOL_MAX) : undefined;
    if (max !== undefined && !(Number.isInteger(max) && max > 0)) throw new Error(`PGPOOL_MAX must be a whole number above 0, got "${env.PGPOOL_MAX}"`);
    store = await openPostgresStore({ connectionString: url, max, schema: env.DATABASE_SCHEMA || undefined }, cipher);
  } else {
    store = openSqliteStore(dataDir, cipher);
  }
  if (!(await store.settleContactKeyCheck(cipher.fingerprint(KEY_CHECK_TEXT)))) {
    await store.close();
    throw new Error(
      `the contact key (${key.source === 'env' ? 'HCP_CONTACT_KEY' : key.file}) is not the key this database was written with: ` +
        'give every instance the same key (see README, "A province"); nothing was written',
    );
  }
  return { store, key };
}

/** What the key check value is a fingerprint of (store.settleContactKeyCheck). */
const KEY_CHECK_TEXT = 'haochaping contact key check v1';
