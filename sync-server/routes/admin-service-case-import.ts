import type { FastifyInstance } from 'fastify';
import { API } from '../../src/domain/endpoints';
import type { ItemRefusal } from '../../src/domain/error-codes';
import {
  SERVICE_CASE_IMPORT_MAX_BYTES,
  SERVICE_CASE_IMPORT_TYPES,
  ServiceCaseImportQuerySchema,
  type ImportLineView,
  type ImportProblemView,
  type ServiceCaseImportResult,
} from '../../src/domain/service-case-import';
import { ClientError } from '../errors';
import { sendMaybeGzipped } from '../http-gzip';
import { parseServiceCaseFile, type ImportedLine, type ServiceCaseImport } from '../service-cases/import-file';
import type { ImportProblem } from '../service-cases/import-messages';
import { previewImportLines } from '../service-cases/import-preview';
import { countOutcomes, resolveImportLines, writeImportLines, type ImportLineResult } from '../service-cases/import-to-store';
import type { Store } from '../store/store';
import { parseOr400 } from '../validate';
import { route } from './endpoint';

/**
 * POST /api/v1/admin/service-cases/import?unitId=…[&dryRun=1][&filename=…]: an 办件 export's bytes, read and
 * written exactly as `npm run import-cases` does (service-cases/: the reader, the catalogue check, one upsert call,
 * one audit entry), so the upload and the command cannot judge a file differently. The administrator who makes
 * business-system tokens (devices.manage) imports, like the tokens' systems write.
 */
export function adminServiceCaseImportRoute(app: FastifyInstance, store: Store) {
  // In its own scope, so these content types are read as bytes on this route only: a text/csv body sent to a JSON
  // route stays a 415 there.
  void app.register(async (scope) => {
    scope.addContentTypeParser([...SERVICE_CASE_IMPORT_TYPES], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    route(scope, API.importServiceCases, { config: { access: 'devices.manage' }, bodyLimit: SERVICE_CASE_IMPORT_MAX_BYTES }, async (request, reply) => {
      const query = parseOr400(ServiceCaseImportQuerySchema, request.query);
      const mime = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      const body = request.body ?? Buffer.alloc(0); // an empty body is an empty file: the reader says so
      if (!Buffer.isBuffer(body) || !(SERVICE_CASE_IMPORT_TYPES as readonly string[]).includes(mime)) {
        throw new ClientError(415, 'UNSUPPORTED_MEDIA_TYPE', `send the file's bytes as one of ${SERVICE_CASE_IMPORT_TYPES.join(', ')}`);
      }
      const catalog = await store.loadCatalog();
      if (!catalog.units.some((u) => u.id === query.unitId)) throw new ClientError(400, 'UNKNOWN_UNIT', `unit ${query.unitId} does not exist`);
      const dryRun = query.dryRun === '1' || query.dryRun === 'true';
      const filename = query.filename?.trim() || null;

      const file = await parseServiceCaseFile(body);
      const resolved = resolveImportLines(catalog, query.unitId, file);
      let lines: ImportLineResult[];
      if (dryRun) lines = file.fileErrors.length > 0 ? resolved.lines : await previewImportLines(store, query.unitId, resolved);
      else {
        // A refused file has no lines, so nothing is written; the attempt is audited all the same.
        const audit = { at: Date.now(), file: filename ?? '', format: file.format, user: null, actorId: request.actor!.id, ip: request.ip, always: true, fileErrors: file.fileErrors.map((e) => e.code) };
        lines = await writeImportLines(store, query.unitId, resolved, audit);
      }
      // A 5 MiB file's answer lists some 60,000 lines (about 19 MB of JSON, a twentieth of that gzipped).
      return sendMaybeGzipped(request, reply, answer(file, lines, { dryRun, unitId: query.unitId, filename }));
    });
  });
}

function answer(file: ServiceCaseImport, lines: ImportLineResult[], head: { dryRun: boolean; unitId: string; filename: string | null }): ServiceCaseImportResult {
  const { lines: total, added, updated, unchanged, refused, superseded } = countOutcomes(lines);
  return {
    ...head,
    format: file.format,
    fileErrors: file.fileErrors.map(problemView),
    notes: file.notes.map(problemView),
    lines: lines.map((l) => lineView(l, file.columns)),
    counts: { lines: total, added, updated, unchanged, refused, superseded },
  };
}

const problemView = ({ code, column, params, message }: ImportProblem): ImportProblemView => ({ code, ...(column !== undefined ? { column } : {}), params, message });

/** The file's column a catalogue refusal is about (the import gives the window by number, so WRONG_UNIT is the 工号's). */
const REFUSAL_COLUMN = {
  UNKNOWN_SERVICE_ITEM: 'serviceItemCode',
  UNKNOWN_WINDOW: 'windowNumber',
  UNKNOWN_STAFF: 'employeeNo',
  WRONG_UNIT: 'employeeNo',
} as const;

function refusalView(refusal: ItemRefusal, entry: ImportedLine, columns: ServiceCaseImport['columns']): ImportProblemView {
  const key = REFUSAL_COLUMN[refusal.code as keyof typeof REFUSAL_COLUMN];
  const column = key && columns ? columns[key] : undefined;
  const value = key && entry.row ? entry.row[key] : undefined;
  return { code: refusal.code, ...(column ? { column } : {}), params: { ...(column ? { column } : {}), ...(value !== undefined ? { value } : {}) }, message: refusal.message };
}

function lineView({ entry, outcome, id, refusal }: ImportLineResult, columns: ServiceCaseImport['columns']): ImportLineView {
  // 'would-write' is left only by a run without a store, which this route never is.
  const shown = outcome === 'would-write' ? 'added' : outcome;
  const { caseNo: _caseNo, ...row } = entry.row ?? {};
  return {
    line: entry.line,
    caseNo: entry.caseNo ?? null,
    outcome: shown,
    ...(id ? { id } : {}),
    ...(entry.row ? { row: row as ImportLineView['row'] } : {}),
    errors: [...entry.errors.map(problemView), ...(refusal ? [refusalView(refusal, entry, columns)] : [])],
    notes: entry.notes.map(problemView),
  };
}
