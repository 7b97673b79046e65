import { useTranslation } from 'react-i18next';
import type { ImportLineView, ServiceCaseImportResult } from '../../domain/service-case-import';
import { formatCstMinute } from '../../domain/time';
import { problemText } from './problem-text';

/** A table of 50,000 rows stalls the page: the first ones are drawn, the counts above tell the rest. */
export const SHOWN_LINES_MAX = 500;

/** The line's outcome as a badge: would-be in a preview, done after the import. */
function OutcomeBadge({ line, dryRun }: { line: ImportLineView; dryRun: boolean }) {
  const { t } = useTranslation('admin');
  return (
    <span className={`badge import-outcome import-outcome-${line.outcome}`} data-testid="import-outcome">
      {t(`serviceCaseImport.outcome.${dryRun ? 'preview' : 'done'}.${line.outcome}`)}
    </span>
  );
}

/**
 * Each line of the file as read: its number, 办件编号, what the import does (or did) with it, its values, and next
 * to them every error (why it is refused) and note (a later line replaces it…), each naming its column.
 */
export function ImportLinesTable({ result, onlyProblems }: { result: ServiceCaseImportResult; onlyProblems: boolean }) {
  const { t } = useTranslation('admin');
  const chosen = onlyProblems ? result.lines.filter((l) => l.errors.length > 0 || l.notes.length > 0) : result.lines;
  const shown = chosen.slice(0, SHOWN_LINES_MAX);
  const head = ['line', 'caseNo', 'outcome', 'serviceItemCode', 'windowNumber', 'employeeNo', 'acceptedAt', 'finishedAt', 'applicantType', 'status', 'problems'] as const;
  return (
    <>
      <div className="table-wrap">
        <table className="admin-table import-lines" data-testid="import-lines">
          <thead>
            <tr>
              {head.map((h) => (
                <th scope="col" key={h}>
                  {t(`serviceCaseImport.column.${h}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((l) => (
              <tr key={l.line} data-testid={`import-line-${l.line}`} className={l.outcome === 'refused' ? 'import-refused' : undefined}>
                <th scope="row">{l.line}</th>
                <td>{l.caseNo ?? ''}</td>
                <td>
                  <OutcomeBadge line={l} dryRun={result.dryRun} />
                </td>
                <td>{l.row?.serviceItemCode ?? ''}</td>
                <td>{l.row?.windowNumber ?? ''}</td>
                <td>{l.row?.employeeNo ?? ''}</td>
                <td>{l.row ? formatCstMinute(l.row.acceptedAt) : ''}</td>
                <td>{l.row?.finishedAt ? formatCstMinute(l.row.finishedAt) : ''}</td>
                <td>{l.row ? t(`serviceCaseImport.applicantType.${l.row.applicantType}`, { defaultValue: l.row.applicantType }) : ''}</td>
                <td>{l.row ? t(`serviceCaseImport.status.${l.row.status}`, { defaultValue: l.row.status }) : ''}</td>
                <td>
                  {(l.errors.length > 0 || l.notes.length > 0) && (
                    <ul className="import-problems">
                      {l.errors.map((e, i) => (
                        <li key={`e${i}`} className="import-error" data-testid="import-error" data-code={e.code}>
                          {e.column && <strong>{e.column}: </strong>}
                          {problemText(t, e)} <code className="import-code">{e.code}</code>
                        </li>
                      ))}
                      {l.notes.map((n, i) => (
                        <li key={`n${i}`} className="import-note" data-code={n.code}>
                          {problemText(t, n)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {chosen.length > shown.length && <p className="hint">{t('serviceCaseImport.moreLines', { shown: shown.length, total: chosen.length })}</p>}
      {chosen.length === 0 && <p className="hint">{t(onlyProblems ? 'serviceCaseImport.noProblems' : 'serviceCaseImport.noLines')}</p>}
    </>
  );
}
