import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configFromEnv } from '../config';
import { operatingSystemUser } from '../os-user';
import { openStore } from '../store/open-store';
import { SQLITE_FILE_NAME } from '../store/sqlite/open-sqlite';
import { isNationalFormat, readExportSettings, writeNationalExport, type NationalFormat } from './national-export';
import { csvHeader, csvLine, EXPORT_FORMATS, ndjsonLine, toExportRow, type ExportFormat } from './export-format';

const USAGE = [
  'usage: npm run -s export -- --format ndjson|csv [--reveal-contact] [--output FILE]',
  '       npm run -s export -- --format gbt39046|province [--settings FILE] [--output FILE]',
  '       npm run -s export -- --format gbt39046-xlsx|province-xlsx [--settings FILE] --output FILE',
  '   (reads DATA_DIR, default ./data, or DATABASE_URL; export settings: --settings or HCP_EXPORT_SETTINGS)',
].join('\n');

type Sink = NodeJS.WritableStream;

function writeLine(out: Sink, line: string): Promise<void> {
  return new Promise((resolve) => (out.write(line + '\n') ? resolve() : out.once('drain', () => resolve())));
}

async function main() {
  const { values } = parseArgs({
    options: {
      format: { type: 'string', default: 'ndjson' },
      'reveal-contact': { type: 'boolean', default: false },
      output: { type: 'string' },
      settings: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(USAGE);
  const format = values.format as ExportFormat | NationalFormat;
  const national = isNationalFormat(format);
  if (!national && !EXPORT_FORMATS.includes(format)) throw new Error(`unknown format "${values.format}"\n${USAGE}`);
  const reveal = values['reveal-contact'] === true;
  // The national and provincial layouts have no place for the evaluator, by design: refuse rather than ignore.
  if (national && reveal) throw new Error(`--reveal-contact is not available with --format ${format}: these layouts never carry the evaluator`);
  if (national && format.endsWith('-xlsx') && !values.output) throw new Error(`--format ${format} needs --output FILE\n${USAGE}`);
  // Read before the store opens: a bad settings file changes nothing and writes nothing.
  const exportSettings = national ? readExportSettings(values.settings ?? process.env.HCP_EXPORT_SETTINGS) : null;
  if (reveal) console.error('warning: evaluator names and phone numbers are printed in full; handle this output as personal data');
  const { dataDir, followUpWindowDays } = configFromEnv();
  if (!process.env.DATABASE_URL && !fs.existsSync(path.join(dataDir, SQLITE_FILE_NAME))) throw new Error(`no database in ${dataDir}: set DATA_DIR to the server's data folder (or DATABASE_URL to its PostgreSQL)`);
  const { store } = await openStore(dataDir);
  const file = values.output ? fs.createWriteStream(values.output, { mode: 0o600 }) : null;
  const out: Sink = file ?? process.stdout;
  // A reader that stops early (`| head`) is not an error: the export was logged before the first line.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(0);
  });
  const write = (line: string) => writeLine(out, line);
  try {
    if (national) {
      const tally = await writeNationalExport(store, { format, settings: exportSettings!, assessment: { followUpWindowDays }, file: file ?? undefined }, write);
      // On stderr: stdout may be the file itself.
      console.error(`${tally.rows} rows; left out: ${tally.invalid} marked invalid, ${tally.notAssessed} of a 办件 beyond its two assessments (superseded defaults and unchecked paper forms are not counted at all)`);
      return;
    }
    if (reveal) {
      // Logged before the first line leaves: output piped into `head` or a closed terminal ends this process at
      // its next write, and the contacts already printed must not go unrecorded.
      const detail = { format, user: operatingSystemUser(), count: await store.countRatings(), output: values.output ?? 'stdout' };
      await store.appendAudit({ at: Date.now(), actorId: null, action: 'contact.reveal-export', targetType: 'export', targetId: null, detail, ip: null });
    }
    // UTF-8 BOM: spreadsheet programs on office desktops otherwise misread Chinese text.
    if (format === 'csv') await write('\uFEFF' + csvHeader());
    let after = 0;
    for (;;) {
      const page = await store.listRatings(after, 1000);
      if (page.length === 0) break;
      for (const r of page) {
        const row = reveal ? toExportRow(r, await store.revealContact(r.id), await store.revealComment(r.id)) : toExportRow(r, null);
        await write(format === 'csv' ? csvLine(row) : ndjsonLine(row));
      }
      after = page[page.length - 1].seq;
    }
  } finally {
    await store.close();
    // The XLSX writer ends its file itself when the workbook is committed.
    if (file && !file.writableFinished) await new Promise<void>((resolve) => (file.writableEnded ? file.once('finish', resolve) : file.end(() => resolve())));
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
