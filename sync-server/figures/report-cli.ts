import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isMonth } from '../../src/domain/figures/month';
import { configFromEnv } from '../config';
import { openStore } from '../store/open-store';
import { SQLITE_FILE_NAME } from '../store/sqlite/open-sqlite';
import { attachment2Csv, namesFromCatalog } from './attachment2-csv';
import { buildAttachment2 } from './attachment2-report';
import { attachment2Xlsx, scopeNameZh } from './attachment2-xlsx';

const USAGE = `usage: npm run -s report -- attachment2 --month YYYY-MM [--unit ID] [--format json|csv|xlsx] [--output FILE]
  Attachment 2 (评价数据统计表) of one month on the China clock: rows for the whole scope, each unit, window and
  staff member (counting rules: src/domain/figures/attachment2.ts). Bad reviews' handling is as of now (generatedAt).
  --unit    one unit only (default: every unit)
  --format  json (default), csv (UTF-8 with BOM, Chinese headers) or xlsx (the printable form: A4 landscape,
            two header rows, 制表人 / 审核人 / 日期 and a （盖章） box)
  --output  write to FILE instead of standard output (xlsx: required when standard output is a terminal)
  Reads the store of DATA_DIR (default ./data) or DATABASE_URL, like the server; writes nothing to it.
  Exit codes: 0 done; 2 usage, unknown unit or no store.`;

const FORMATS = ['json', 'csv', 'xlsx'] as const;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { month: { type: 'string' }, unit: { type: 'string' }, format: { type: 'string', default: 'json' }, output: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return console.log(USAGE), 0;
  if (positionals.length !== 1 || positionals[0] !== 'attachment2') return console.error(`unknown report "${positionals.join(' ')}"\n${USAGE}`), 2;
  if (!values.month || !isMonth(values.month)) return console.error(`--month: not a month "${values.month ?? ''}" (e.g. 2026-10)\n${USAGE}`), 2;
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) return console.error(`--format: unknown "${values.format}" (json, csv or xlsx)\n${USAGE}`), 2;

  // A spreadsheet's bytes on a terminal are noise (and can upset it); a pipe or a file takes them.
  if (format === 'xlsx' && !values.output && process.stdout.isTTY) return console.error(`--format xlsx: give --output FILE (or pipe the output)\n${USAGE}`), 2;

  const config = configFromEnv();
  // Never a new empty database: a mistyped DATA_DIR must say so, not report zeros.
  if (!process.env.DATABASE_URL && !fs.existsSync(path.join(config.dataDir, SQLITE_FILE_NAME))) {
    return console.error(`no database in ${config.dataDir}: set DATA_DIR to the server's data folder (or DATABASE_URL to its PostgreSQL)`), 2;
  }
  const { store } = await openStore(config.dataDir);
  try {
    const catalog = await store.loadCatalog();
    const unitId = values.unit ?? null;
    if (unitId !== null && !catalog.units.some((u) => u.id === unitId)) return console.error(`--unit: no unit "${unitId}"`), 2;
    const table = await buildAttachment2(store, values.month, unitId, Date.now(), { followUpWindowDays: config.followUpWindowDays });
    const names = namesFromCatalog(catalog);
    const text =
      format === 'xlsx'
        ? await attachment2Xlsx(table, names, { scopeName: scopeNameZh(names, unitId) })
        : format === 'csv'
          ? attachment2Csv(table, names)
          : JSON.stringify(table, null, 2) + '\n';
    if (values.output) fs.writeFileSync(values.output, text);
    else await print(text);
    return 0;
  } finally {
    await store.close();
  }
}

/** Written whole before the process exits: a pipe takes a large answer in several turns. */
function print(text: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
