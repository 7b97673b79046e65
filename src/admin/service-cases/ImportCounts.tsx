import { useTranslation } from 'react-i18next';
import type { ServiceCaseImportResult } from '../../domain/service-case-import';

const COUNTED = ['added', 'updated', 'unchanged', 'refused', 'superseded'] as const;

/** What the import would do (preview) or did, line by line, counted: the figures the administrator acts on. */
export function ImportCounts({ result }: { result: ServiceCaseImportResult }) {
  const { t } = useTranslation('admin');
  const mode = result.dryRun ? 'preview' : 'done';
  return (
    <dl className="import-counts" data-testid="import-counts">
      <div>
        <dt>{t('serviceCaseImport.counts.lines')}</dt>
        <dd data-testid="import-count-lines">{result.counts.lines}</dd>
      </div>
      {COUNTED.map((k) => (
        <div key={k} className={`import-count-${k}`}>
          <dt>{t(`serviceCaseImport.outcome.${mode}.${k}`)}</dt>
          <dd data-testid={`import-count-${k}`}>{result.counts[k]}</dd>
        </div>
      ))}
    </dl>
  );
}
