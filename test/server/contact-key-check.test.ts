import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../sync-server/store/open-store';
import { dropTestSchemas, newTestSchema, PG_TEST_URL } from '../support/postgres';
import { tempDir } from '../support/server';

afterAll(dropTestSchemas);

const key = () => randomBytes(32).toString('base64');

describe('an instance started with another contact key', () => {
  it('is refused by a SQLite database written with the first key, before anything is written', async () => {
    const dir = tempDir('key-check');
    const first = key();
    await (await openStore(dir, { HCP_CONTACT_KEY: first })).store.close();
    await expect(openStore(dir, { HCP_CONTACT_KEY: key() })).rejects.toThrow(/HCP_CONTACT_KEY\) is not the key this database was written with/);
    await (await openStore(dir, { HCP_CONTACT_KEY: first })).store.close();
  });

  it('is refused by PostgreSQL: a second instance with a key of its own cannot start on the shared database', async () => {
    const env = { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: newTestSchema('hcp_key') };
    const first = key();
    const a = await openStore(tempDir('key-a'), { ...env, HCP_CONTACT_KEY: first });
    // No HCP_CONTACT_KEY: this instance makes a key file of its own in its folder, the mistake the check catches.
    await expect(openStore(tempDir('key-b'), env)).rejects.toThrow(/contact\.key\) is not the key this database was written with/);
    const b = await openStore(tempDir('key-c'), { ...env, HCP_CONTACT_KEY: first });
    await a.store.close();
    await b.store.close();
  });
});
