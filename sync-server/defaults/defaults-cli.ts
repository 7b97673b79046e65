import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatCstIso, formatCstMinute } from '../../src/domain/time';
import { configFromEnv } from '../config';
import { operatingSystemUser } from '../os-user';
import { parseTimeText } from '../service-cases/import-values';
import { openStore } from '../store/open-store';
import { SQLITE_FILE_NAME } from '../store/sqlite/open-sqlite';
import { runDefaultJob, type DefaultJobResult } from './default-job';

const USAGE = `usage: npm run -s defaults -- [--as-of TIME] [--json]
  Runs the default 满意 job once (the server runs it at start-up and every 10 minutes): every finished 办件 with
  no citizen rating made by the end of the 5th working day after its finish date gets one rating, 满意, channel
  DEFAULT, rated at that instant; defaults overtaken by a citizen rating made in time are marked superseded.
  --as-of  the instant to run as of (default now): 2026-10-15T00:00:00+08:00, or China time 2026-10-15 00:00:00
  --json   print the whole result as JSON instead of lines
  Works on the store of DATA_DIR (default ./data) or DATABASE_URL, like the server; one audit entry
  'ratings.default' when something was made or superseded. A run again, or beside the server, adds nothing twice.
  Exit codes: 0 done; 2 usage or no store (nothing written).`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'as-of': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) return console.log(USAGE), 0;
  if (positionals.length > 0) return console.error(`unexpected ${positionals.join(' ')}\n${USAGE}`), 2;
  const asOf = values['as-of'] === undefined ? Date.now() : parseTimeText(values['as-of'].trim());
  if (asOf === null) return console.error(`--as-of: not a time: "${values['as-of']}" (e.g. 2026-10-15T00:00:00+08:00)\n${USAGE}`), 2;

  const { dataDir } = configFromEnv();
  // Never a new empty database: a mistyped DATA_DIR must say so, not make defaults nowhere.
  if (!process.env.DATABASE_URL && !fs.existsSync(path.join(dataDir, SQLITE_FILE_NAME))) {
    return console.error(`no database in ${dataDir}: set DATA_DIR to the server's data folder (or DATABASE_URL to its PostgreSQL)`), 2;
  }
  const { store } = await openStore(dataDir);
  try {
    const result = await runDefaultJob(store, { asOf, runBy: { kind: 'command', user: operatingSystemUser() } });
    await print(values.json ? JSON.stringify(result, null, 2) : report(result, store.kind).join('\n'));
    return 0;
  } finally {
    await store.close();
  }
}

/** Written whole before the process exits: a pipe takes a large answer (thousands of defaults) in several turns. */
function print(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(`${text}\n`, (err) => (err ? reject(err) : resolve())));
}

/** Counts first, then one line per default made, per default superseded and per 办件 waiting for a table. */
function report(r: DefaultJobResult, storeKind: string): string[] {
  const c = r.counts;
  const out = [
    `default 满意 as of ${formatCstIso(r.asOf)} (store ${storeKind}): ${c.made} made, ${c.superseded} superseded, ${c.waiting} waiting for a calendar table; ` +
      `${c.notYetDue} not yet due, ${c.ratedByCitizen} rated by a citizen in time, ${c.alreadyMade} made meanwhile by another run`,
  ];
  for (const m of r.made) {
    out.push(`made ${m.id} 办件 ${m.caseNo} (unit ${m.unitId}, window ${m.windowId}, staff ${m.staffId ?? '-'}): finished ${formatCstMinute(m.finishedAt)}, default at the end of ${m.dueDate}`);
  }
  for (const s of r.superseded) out.push(`superseded ${s.id} 办件 ${s.caseNumber} (unit ${s.unitId}) by citizen rating ${s.supersededBy}`);
  for (const w of r.waiting) {
    out.push(`waiting 办件 ${w.caseNo} (unit ${w.unitId}): finished ${formatCstMinute(w.finishedAt)}, no calendar table for ${w.missingYears.join(', ')} (about ${w.estimate})`);
  }
  return out;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
