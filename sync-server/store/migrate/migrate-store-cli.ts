import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ContactCipher } from '../../crypto/contact-cipher';
import { CONTACT_KEY_FILE, loadContactKey } from '../../crypto/contact-key';
import { isPostgresUrl } from '../postgres/open-postgres';
import { openPgDb } from '../postgres/pg-db';
import { migratePg } from '../postgres/pg-migrations';
import { openSqliteDatabase, SQLITE_FILE_NAME } from '../sqlite/open-sqlite';
import { moveSqliteToPostgres, MoveRefused } from './migrate-store';

const USAGE = `Moves a hall's SQLite data into the provincial PostgreSQL, all of it or nothing; running it again adds nothing.

  HCP_CONTACT_KEY=<the province's contact key> npm run -s migrate-store -- --from sqlite:DATA_DIR --to postgres://…

The hall's key is read from DATA_DIR/${CONTACT_KEY_FILE} (or --from-key-file FILE). Contact data, comments and photos
are re-encrypted under the province's key. Stop the hall's server first; its tablets keep what they have not sent
and send it to the province's address once they are pointed there.`;

async function main() {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, 'from-key-file': { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help || !values.from || !values.to) return console.error(USAGE);
  if (!values.from.startsWith('sqlite:')) throw new MoveRefused(`--from must be sqlite:DATA_DIR\n\n${USAGE}`);
  if (!isPostgresUrl(values.to)) throw new MoveRefused(`--to must be a postgres:// address\n\n${USAGE}`);
  const dataDir = path.resolve(values.from.slice('sqlite:'.length));
  if (!fs.existsSync(path.join(dataDir, SQLITE_FILE_NAME))) throw new MoveRefused(`no database in ${dataDir}`);
  if (!process.env.HCP_CONTACT_KEY) throw new MoveRefused("set HCP_CONTACT_KEY to the province's contact key (the one its servers run with)");
  const fromKeyFile = values['from-key-file'] ?? path.join(dataDir, CONTACT_KEY_FILE);
  if (!fs.existsSync(fromKeyFile)) throw new MoveRefused(`the hall's contact key is not in ${fromKeyFile}: give it with --from-key-file`);
  const fromKey = loadContactKey(path.dirname(fromKeyFile), { HCP_CONTACT_KEY: fs.readFileSync(fromKeyFile, 'utf8') });
  const toKey = loadContactKey(dataDir, { HCP_CONTACT_KEY: process.env.HCP_CONTACT_KEY });
  const from = new ContactCipher(fromKey.key);
  const source = openSqliteDatabase(dataDir, from);
  const target = openPgDb({ connectionString: values.to, schema: process.env.DATABASE_SCHEMA || undefined, max: 2 });
  try {
    if (process.env.DATABASE_SCHEMA) await target.query(`CREATE SCHEMA IF NOT EXISTS ${process.env.DATABASE_SCHEMA}`);
    await migratePg(target);
    const report = await moveSqliteToPostgres(source, target, { from, to: new ContactCipher(toKey.key), same: fromKey.key.equals(toKey.key) });
    for (const t of report.tables) console.log(`${t.table.padEnd(18)} read ${String(t.read).padStart(8)}  added ${String(t.added).padStart(8)}`);
    if (report.digestsNotFound > 0) {
      console.log(`${report.digestsNotFound} ratings moved whose replay digest could not be rebuilt: a tablet sending one again gets a conflict (kept apart), never a second copy`);
    }
  } finally {
    source.close();
    await target.close();
  }
}

main().catch((err) => {
  console.error(err instanceof MoveRefused ? err.message : err);
  process.exit(err instanceof MoveRefused ? 2 : 1);
});
