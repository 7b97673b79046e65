import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configFromEnv } from '../config';
import { readUnsentExportKey } from '../crypto/unsent-export-key';
import { openStore } from '../store/open-store';
import { SQLITE_FILE_NAME } from '../store/sqlite/open-sqlite';
import { importUnsentFile, UnsentImportError } from './unsent-import';

const USAGE = 'usage: npm run -s import-unsent -- --file FILE   (reads DATA_DIR, default ./data; the file a tablet exported on /device)';

async function main() {
  const { values } = parseArgs({ options: { file: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) return console.log(USAGE);
  if (!values.file) throw new UnsentImportError(`--file is required\n${USAGE}`);
  const text = fs.readFileSync(values.file, 'utf8');
  const { dataDir } = configFromEnv();
  if (!fs.existsSync(path.join(dataDir, SQLITE_FILE_NAME))) throw new UnsentImportError(`no database in ${dataDir}: set DATA_DIR to the server's data folder`);
  const { store } = await openStore(dataDir);
  try {
    const summary = await importUnsentFile(store, text, readUnsentExportKey(dataDir));
    // Who brought which tablet's records in, and what became of them; contact itself is never written here.
    await store.appendAudit({
      at: Date.now(),
      actorId: null,
      action: 'unsent.import',
      targetType: 'device',
      targetId: summary.deviceId,
      detail: {
        file: path.basename(values.file),
        user: process.env.USER ?? null,
        contact: summary.contact,
        accepted: summary.accepted,
        duplicate: summary.duplicate,
        conflict: summary.conflict,
        invalid: summary.invalid.length,
        caseSteps: summary.caseSteps,
      },
      ip: null,
    });
    console.log(JSON.stringify({ ...summary, invalid: summary.invalid }, null, 2));
    if (summary.contact === 'omitted') console.error('note: the tablet left contact out of this file (no export key or no secure context): these ratings have no contact');
    if (summary.contact === 'plaintext-v1') console.error('note: this file is from an older version and holds names and phones readable: delete every copy of it now');
    if (summary.caseSteps > 0) console.error(`note: ${summary.caseSteps} steps on bad-review cases are not imported: the person who took them enters them again`);
  } finally {
    await store.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
