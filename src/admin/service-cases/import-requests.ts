import { apiRequest } from '../../account/api-client';
import { SERVICE_CASE_IMPORT_PATH, SERVICE_CASE_IMPORT_TYPES, type ServiceCaseImportResult } from '../../domain/service-case-import';

const UPLOAD_TIMEOUT_MS = 120_000;

/**
 * Sends a chosen file's bytes to the import route: a preview (`dryRun`) or the import. The file's own type is kept
 * when the server takes it; anything else (a browser that labels a .csv oddly, or not at all) goes as
 * application/octet-stream, since the server reads what the bytes are, not the label.
 */
export function uploadServiceCases(file: File, unitId: string, dryRun: boolean): Promise<ServiceCaseImportResult> {
  const query = new URLSearchParams({ unitId, filename: file.name, ...(dryRun ? { dryRun: '1' } : {}) });
  const type = (SERVICE_CASE_IMPORT_TYPES as readonly string[]).includes(file.type) ? file.type : 'application/octet-stream';
  // A 5 MiB file is some 60,000 lines: 13 s to import on a busy two-core server with SQLite, so more than the
  // screens' usual 20 s is allowed before the request counts as lost.
  return apiRequest<ServiceCaseImportResult>('POST', `${SERVICE_CASE_IMPORT_PATH}?${query}`, { blob: file, type }, { timeoutMs: UPLOAD_TIMEOUT_MS });
}
