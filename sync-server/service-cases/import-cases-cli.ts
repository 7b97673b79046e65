import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatCstIso } from '../../src/domain/time';
import { configFromEnv } from '../config';
import { operatingSystemUser } from '../os-user';
import { openStore } from '../store/open-store';
import { SQLITE_FILE_NAME } from '../store/sqlite/open-sqlite';
import type { Store } from '../store/store';
import { parseServiceCaseFile, type ServiceCaseImport } from './import-file';
import type { ImportProblem } from './import-messages';
import { countOutcomes, resolveImportLines, writeImportLines, type ImportLineResult } from './import-to-store';

const USAGE = `usage: npm run -s import-cases -- FILE --unit UNIT_ID [--json]
       npm run -s import-cases -- FILE --dry-run [--unit UNIT_ID] [--json]
  FILE       a hall business system's 办件 export, CSV (UTF-8 or GBK) or XLSX (first sheet)
  --unit     the id of the unit whose 办件 these are: item codes, window numbers and 工号 are looked up in it
  --dry-run  read and check the file, print what each line would do; nothing is written (with --unit and an
             existing store, the codes are checked against the unit's catalogue too)
  --json     print the whole result as JSON instead of lines
  Writes to the store of DATA_DIR (default ./data) or DATABASE_URL, like the server; source IMPORT, one
  transaction for the valid lines, one audit entry 'service-cases.import'.
  Exit codes: 0 every line stored, unchanged or replaced by a later line; 1 the file or a line refused (the valid
  lines are stored all the same); 2 usage, an unreadable file, no store or an unknown unit (nothing written).`;


/** The server's store, when this machine has one; null (never a new empty database) when it does not. */
async function existingStore(): Promise<Store | null> {
  const { dataDir } = configFromEnv();
  if (!process.env.DATABASE_URL && !fs.existsSync(path.join(dataDir, SQLITE_FILE_NAME))) return null;
  return (await openStore(dataDir)).store;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, unit: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) return console.log(USAGE), 0;
  if (positionals.length !== 1) return console.error(USAGE), 2;
  const dryRun = values['dry-run'] === true;
  const unitId = values.unit?.trim();
  if (!dryRun && !unitId) throw new Error(`--unit UNIT_ID is required to write 办件 (or check the file only with --dry-run)\n${USAGE}`);
  const file = positionals[0];
  const result = await parseServiceCaseFile(fs.readFileSync(file));

  const store = unitId ? await existingStore() : null;
  if (!store && !dryRun) throw new Error(`no database in ${configFromEnv().dataDir}: set DATA_DIR to the server's data folder (or DATABASE_URL to its PostgreSQL); nothing written`);
  try {
    const catalog = store ? await store.loadCatalog() : null;
    if (unitId && !catalog) console.error(`no database in ${configFromEnv().dataDir}: the codes are not checked against unit ${unitId}`);
    if (catalog && !catalog.units.some((u) => u.id === unitId)) {
      throw new Error(`no unit "${unitId}" in the catalogue (units: ${catalog.units.map((u) => u.id).join(', ') || 'none'}); nothing written`);
    }
    const resolved = resolveImportLines(catalog, unitId ?? '', result);
    // A refused file (a column missing) writes nothing: its lines were never read.
    const write = store && unitId && !dryRun && result.fileErrors.length === 0;
    const lines = write ? await writeImportLines(store, unitId, resolved, { at: Date.now(), file: path.basename(file), format: result.format, user: operatingSystemUser() }) : resolved.lines;
    const refused = result.fileErrors.length > 0 || lines.some((l) => l.outcome === 'refused');
    if (values.json) printJson(result, dryRun, unitId ?? null, lines);
    else printReport(file, result, lines, { dryRun, unitId: catalog ? unitId : undefined });
    return refused ? 1 : 0;
  } finally {
    await store?.close();
  }
}

const describe = (p: ImportProblem) => `${p.column ? `[${p.column}] ` : ''}${p.code}: ${p.messageZh} / ${p.message}`;

function lineReport({ entry, outcome, refusal }: ImportLineResult): string[] {
  const out: string[] = [];
  if (entry.row) {
    const r = entry.row;
    const finished = r.finishedAt === null ? '' : ` finished ${formatCstIso(r.finishedAt)}`;
    const verb = outcome === 'would-write' ? 'would add or update' : outcome;
    out.push(`line ${entry.line}: ${verb} 办件 ${r.caseNo} (${r.status}, item ${r.serviceItemCode}, window ${r.windowNumber}, 工号 ${r.employeeNo}, accepted ${formatCstIso(r.acceptedAt)}${finished})`);
    if (refusal) out.push(`  error ${refusal.code}: ${refusal.message}`);
  } else if (entry.errors.length > 0) {
    out.push(`line ${entry.line}: refused (${entry.errors.length} ${entry.errors.length === 1 ? 'problem' : 'problems'})`);
  } else {
    out.push(`line ${entry.line}: not used: a later line of the same 办件编号 replaces it`);
  }
  for (const e of entry.errors) out.push(`  error ${describe(e)}`);
  for (const n of entry.notes) out.push(`  note  ${describe(n)}`);
  return out;
}

function printReport(file: string, result: ServiceCaseImport, lines: ImportLineResult[], opts: { dryRun: boolean; unitId?: string }): void {
  const writing = !opts.dryRun;
  if (writing) console.log(`File ${file} read as ${result.format}; 办件 of unit ${opts.unitId} (source IMPORT).`);
  else console.log(`DRY RUN: nothing is written to the store. File ${file} read as ${result.format}.${opts.unitId ? ` Codes checked against unit ${opts.unitId}.` : ''}`);
  for (const n of result.notes) console.log(`note  ${describe(n)}`);
  for (const e of result.fileErrors) console.log(`file error ${describe(e)}`);
  for (const l of lines) console.log(lineReport(l).join('\n'));
  const c = countOutcomes(lines);
  const fileState = result.fileErrors.length > 0 ? `file refused${writing ? ', nothing written' : ''}; ` : '';
  const done = writing ? `${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged` : `${c['would-write']} would be added or updated`;
  console.log(`${writing ? '' : 'DRY RUN '}summary: ${fileState}${c.lines} data lines, ${done}, ${c.refused} refused, ${c.superseded} replaced by a later line of the same 办件编号`);
}

function printJson(result: ServiceCaseImport, dryRun: boolean, unitId: string | null, lines: ImportLineResult[]): void {
  const rows = lines.map(({ entry, outcome, id, refusal }) => ({ ...entry, outcome, ...(id ? { id } : {}), ...(refusal ? { refusal } : {}) }));
  const { lines: total, added, updated, unchanged, refused, superseded, 'would-write': usable } = countOutcomes(lines);
  const summary = dryRun ? { lines: total, usable, refused, superseded } : { lines: total, added, updated, unchanged, refused, superseded };
  console.log(JSON.stringify({ dryRun, unitId, format: result.format, fileErrors: result.fileErrors, notes: result.notes, rows, summary }, null, 2));
}

main().then(
  (code) => process.exit(code),
  (err) => {
    // A usage mistake is a sentence for the operator; anything else (ENOENT, the database) its message too.
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
