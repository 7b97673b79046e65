import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { formatCstIso } from '../../src/domain/time';
import { parseServiceCaseFile, summarizeImport, type ImportedLine, type ServiceCaseImport } from './import-file';
import type { ImportProblem } from './import-messages';

const USAGE = `usage: npm run -s import-cases -- FILE --dry-run [--json]
  FILE   a hall business system's 办件 export, CSV (UTF-8 or GBK) or XLSX (first sheet)
  --dry-run  read and check the file, print what each line would do; nothing is written
  --json     print the whole result as JSON instead of lines`;

/** Exit codes: 0 every line usable, 1 the file or some line refused, 2 usage or the file cannot be read. */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) return console.log(USAGE), 0;
  if (positionals.length !== 1) return console.error(USAGE), 2;
  if (!values['dry-run']) {
    // The store for 办件 is not part of this build yet: refuse rather than let anyone believe a file was imported.
    console.error('writing 办件 to the store is not available yet: run with --dry-run to check the file');
    return 2;
  }
  const result = await parseServiceCaseFile(fs.readFileSync(positionals[0]));
  if (values.json) console.log(JSON.stringify({ dryRun: true, ...result, summary: summarizeImport(result) }, null, 2));
  else printReport(positionals[0], result);
  return result.fileErrors.length > 0 || result.rows.some((r) => r.errors.length > 0) ? 1 : 0;
}

const describe = (p: ImportProblem) => `${p.column ? `[${p.column}] ` : ''}${p.code}: ${p.messageZh} / ${p.message}`;

function lineReport(entry: ImportedLine): string[] {
  const out: string[] = [];
  if (entry.row) {
    const r = entry.row;
    const finished = r.finishedAt === null ? '' : ` finished ${formatCstIso(r.finishedAt)}`;
    out.push(`line ${entry.line}: would add or update 办件 ${r.caseNo} (${r.status}, item ${r.serviceItemCode}, window ${r.windowNumber}, 工号 ${r.employeeNo}, accepted ${formatCstIso(r.acceptedAt)}${finished})`);
  } else if (entry.errors.length > 0) {
    out.push(`line ${entry.line}: refused (${entry.errors.length} ${entry.errors.length === 1 ? 'problem' : 'problems'})`);
  } else {
    out.push(`line ${entry.line}: not used: a later line of the same 办件编号 replaces it`);
  }
  for (const e of entry.errors) out.push(`  error ${describe(e)}`);
  for (const n of entry.notes) out.push(`  note  ${describe(n)}`);
  return out;
}

function printReport(file: string, result: ServiceCaseImport): void {
  console.log(`DRY RUN: nothing is written to the store. File ${file} read as ${result.format}.`);
  for (const n of result.notes) console.log(`note  ${describe(n)}`);
  for (const e of result.fileErrors) console.log(`file error ${describe(e)}`);
  for (const entry of result.rows) console.log(lineReport(entry).join('\n'));
  const s = summarizeImport(result);
  const fileState = result.fileErrors.length > 0 ? 'file refused; ' : '';
  console.log(`DRY RUN summary: ${fileState}${s.lines} data lines, ${s.usable} would be added or updated, ${s.refused} refused, ${s.superseded} replaced by a later line of the same 办件编号`);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
