import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../account/api-client';
import { SERVICE_CASE_IMPORT_MAX_BYTES, type ServiceCaseImportResult } from '../../domain/service-case-import';
import { adminErrorText } from '../shared/admin-errors';
import { FormFailure } from '../shared/AdminForm';
import type { AdminCatalog } from '../shared/catalog-types';
import { useLabel } from '../shared/useLabel';
import { ImportCounts } from './ImportCounts';
import { ImportLinesTable } from './ImportLinesTable';
import { uploadServiceCases } from './import-requests';
import { problemText } from './problem-text';
import './service-case-import.css';

const MAX_MIB = SERVICE_CASE_IMPORT_MAX_BYTES / 1024 / 1024;

/**
 * /admin → 办件导入: a hall business system's 办件 export (CSV or XLSX) for one unit. Choosing the file shows the
 * server's preview (nothing written: each line with what the import would do and, next to it, why a line is
 * refused); the import button writes the lines the preview accepted and shows what was added, updated, left
 * unchanged and refused. The server reads the file exactly as `npm run import-cases` does.
 */
export default function ServiceCaseImport({ catalog }: { catalog: AdminCatalog }) {
  const { t } = useTranslation('admin');
  const label = useLabel();
  const uid = useId();
  const units = catalog.units.filter((u) => u.active);
  const [unitId, setUnitId] = useState(units[0]?.id ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [shown, setShown] = useState<ServiceCaseImportResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // The newest request wins: a preview for an older file or unit that answers late is dropped.
  const latest = useRef(0);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  // The import button goes with the preview: the keyboard moves on to what the import did.
  useEffect(() => {
    if (shown && !shown.dryRun) resultHeading.current?.focus();
  }, [shown]);

  const errorText = (err: unknown) => {
    if (err instanceof ApiRequestError && err.status === 413) return t('serviceCaseImport.tooLarge', { mib: MAX_MIB });
    if (err instanceof ApiRequestError) return t(`serviceCaseImport.errors.${err.code}`, { defaultValue: adminErrorText(t, err) });
    return adminErrorText(t, err);
  };

  const send = async (chosen: File, unit: string, dryRun: boolean) => {
    const call = ++latest.current;
    setFailure(null);
    setBusy(dryRun ? 'preview' : 'import');
    try {
      const result = await uploadServiceCases(chosen, unit, dryRun);
      if (call !== latest.current) return;
      setShown(result);
      setOnlyProblems(false);
    } catch (err) {
      if (call === latest.current) setFailure(errorText(err));
    } finally {
      if (call === latest.current) setBusy(null);
    }
  };

  const choose = (chosen: File | undefined, unit = unitId) => {
    setShown(null);
    setFailure(null);
    setFile(chosen ?? null);
    if (!chosen || !unit) return;
    // Refused here rather than after a 5 MiB upload the server will refuse anyway.
    if (chosen.size > SERVICE_CASE_IMPORT_MAX_BYTES) return setFailure(t('serviceCaseImport.tooLarge', { mib: MAX_MIB }));
    void send(chosen, unit, true);
  };

  const reset = () => {
    latest.current++;
    if (input.current) input.current.value = '';
    setFile(null);
    setShown(null);
    setFailure(null);
    setBusy(null);
  };

  const preview = shown?.dryRun ? shown : null;
  const writable = preview !== null && preview.fileErrors.length === 0 && preview.counts.added + preview.counts.updated > 0;

  return (
    <section className="admin-section service-case-import" aria-labelledby="sci-heading">
      <div className="section-head">
        <h2 id="sci-heading">{t('serviceCaseImport.heading')}</h2>
      </div>
      <p className="hint">{t('serviceCaseImport.intro', { mib: MAX_MIB })}</p>
      <p className="hint import-header-hint">
        <code>办件编号,事项编码,窗口号,工号,受理时间,办结时间,申请人类型,状态</code>
      </p>

      <div className="import-pick">
        <div className="text-field">
          <label htmlFor={`${uid}-unit`}>{t('serviceCaseImport.unit')}</label>
          <select
            id={`${uid}-unit`}
            data-testid="import-unit"
            value={unitId}
            disabled={busy !== null}
            onChange={(e) => {
              setUnitId(e.currentTarget.value);
              // The codes are looked up in the unit: a new unit needs a new preview.
              if (file) choose(file, e.currentTarget.value);
            }}
          >
            {units.length === 0 && <option value="">{t('serviceCaseImport.noUnits')}</option>}
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {label(u.name)}
              </option>
            ))}
          </select>
        </div>
        <div className="text-field">
          <span id={`${uid}-file-label`}>{t('serviceCaseImport.file')}</span>
          {/* The browser's own file button speaks the browser's language; this one speaks the screen's. */}
          <input
            ref={input}
            id={`${uid}-file`}
            className="visually-hidden"
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="import-file"
            aria-labelledby={`${uid}-file-label`}
            disabled={busy !== null || !unitId}
            onChange={(e) => choose(e.currentTarget.files?.[0])}
          />
          <label htmlFor={`${uid}-file`} className="file-button" aria-hidden="true">
            {t('serviceCaseImport.choose')}
          </label>
          <span className="hint" role="status" data-testid="import-status">
            {busy === 'preview' ? t('serviceCaseImport.reading') : busy === 'import' ? t('serviceCaseImport.importing') : file ? t('serviceCaseImport.chosen', { name: file.name, kb: Math.ceil(file.size / 1024) }) : ''}
          </span>
        </div>
      </div>

      <FormFailure message={failure} />

      {shown && (
        <div className="import-result" data-testid={shown.dryRun ? 'import-preview' : 'import-done'} aria-busy={busy !== null}>
          <h3 ref={resultHeading} tabIndex={-1}>
            {shown.dryRun ? t('serviceCaseImport.previewHeading', { name: shown.filename ?? '' }) : t('serviceCaseImport.doneHeading', { name: shown.filename ?? '' })}
          </h3>
          {shown.fileErrors.length > 0 ? (
            <div className="form-failure" role="alert" data-testid="import-file-errors">
              <p>{t('serviceCaseImport.fileRefused')}</p>
              <ul>
                {shown.fileErrors.map((e, i) => (
                  <li key={i} data-code={e.code}>
                    {problemText(t, e)} <code className="import-code">{e.code}</code>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <>
              <ImportCounts result={shown} />
              {shown.notes.length > 0 && (
                <ul className="import-file-notes">
                  {shown.notes.map((n, i) => (
                    <li key={i}>{problemText(t, n)}</li>
                  ))}
                </ul>
              )}
              <div className="admin-actions import-actions">
                {preview && (
                  <button type="button" className="primary" data-testid="import-write" disabled={!writable || busy !== null} onClick={() => file && void send(file, unitId, false)}>
                    {busy === 'import' ? t('serviceCaseImport.importing') : t('serviceCaseImport.write', { n: preview.counts.added + preview.counts.updated })}
                  </button>
                )}
                <label className="import-filter">
                  <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.currentTarget.checked)} data-testid="import-only-problems" />
                  {t('serviceCaseImport.onlyProblems')}
                </label>
                <button type="button" className="secondary small" onClick={reset} data-testid="import-reset">
                  {t('serviceCaseImport.another')}
                </button>
              </div>
              {preview && !writable && <p className="hint">{t('serviceCaseImport.nothingToWrite')}</p>}
              <ImportLinesTable result={shown} onlyProblems={onlyProblems} />
            </>
          )}
        </div>
      )}
    </section>
  );
}
