import type { TFunction } from 'i18next';
import { LEVELS } from '../../domain/levels';
import { pickLabel, type LocalizedText } from '../../domain/locales';
import type { PaperFormConfig } from '../../domain/paper-api';
import { OTHER_REASON } from '../../domain/reasons';
import type { SecondLanguage } from './print-options';

interface Texts {
  zh: TFunction;
  /** The second language's translator, or null for a form in Chinese only. */
  l2: TFunction | null;
  second: SecondLanguage | null;
}

interface Props extends Texts {
  unit: PaperFormConfig['unit'];
  serviceWindow: PaperFormConfig['windows'][number];
  reasons: PaperFormConfig['reasons'];
}

/** A message in Chinese, and under it (smaller) in the second language when the form has one. */
function Msg({ k, texts }: { k: string; texts: Texts }) {
  return <Pair zh={texts.zh(k)} other={texts.l2?.(k) ?? null} lang={texts.second} />;
}

/** An administrator's label (unit, window, reason) in the same two languages. */
function DataLabel({ text, texts }: { text: LocalizedText; texts: Texts }) {
  return <Pair zh={pickLabel(text, 'zh-CN')} other={texts.second ? pickLabel(text, texts.second) : null} lang={texts.second} />;
}

function Pair({ zh, other, lang }: { zh: string; other: string | null; lang: SecondLanguage | null }) {
  return (
    <>
      <span className="pf-zh">{zh}</span>
      {other && lang && other !== zh && (
        <span className="pf-l2" lang={lang}>
          {other}
        </span>
      )}
    </>
  );
}

/** Blanks for a date written by hand: ____年__月__日, each unit also named in the second language. */
function DateBlank({ texts }: { texts: Texts }) {
  return (
    <span className="pf-date">
      <span className="pf-gap pf-gap-year" />
      <span className="pf-date-unit">
        <Msg k="print:form.date.year" texts={texts} />
      </span>
      <span className="pf-gap" />
      <span className="pf-date-unit">
        <Msg k="print:form.date.month" texts={texts} />
      </span>
      <span className="pf-gap" />
      <span className="pf-date-unit">
        <Msg k="print:form.date.day" texts={texts} />
      </span>
    </span>
  );
}

/** A row label cell. */
function Th({ k, texts, colSpan }: { k: string; texts: Texts; colSpan?: number }) {
  return (
    <th scope="row" colSpan={colSpan}>
      <Msg k={k} texts={texts} />
    </th>
  );
}

/**
 * Attachment 1, the written evaluation form (书面评价表), blank, for one window: one A4 portrait page. Every line
 * to write on is an empty bordered cell (borders print even when the browser leaves backgrounds out).
 */
export function PrintableForm({ unit, serviceWindow, reasons, ...texts }: Props) {
  const shown = reasons.filter((r) => r.active).sort((a, b) => a.sortOrder - b.sortOrder);
  const other = shown.find((r) => r.key === OTHER_REASON);
  const listed = shown.filter((r) => r.key !== OTHER_REASON);
  return (
    <article className={`pf-sheet${texts.second ? ` pf-bilingual pf-second-${texts.second}` : ''}`} lang="zh-CN" data-testid="printable-form">
      <header className="pf-head">
        <p className="pf-attachment">
          <Msg k="print:form.attachment" texts={texts} />
        </p>
        <h2 className="pf-title">
          <Msg k="print:form.title" texts={texts} />
        </h2>
      </header>

      <table className="pf-table">
        <colgroup>
          <col className="pf-col-label" />
          <col />
          <col className="pf-col-label" />
          <col />
        </colgroup>
        <tbody>
          <tr className="pf-given">
            <Th k="print:form.unit" texts={texts} />
            <td colSpan={3} data-testid="form-unit">
              <DataLabel text={unit.name} texts={texts} />
            </td>
          </tr>
          <tr className="pf-given">
            <Th k="print:form.window" texts={texts} />
            <td colSpan={3} data-testid="form-window">
              <DataLabel text={serviceWindow.name} texts={texts} />
            </td>
          </tr>
          <tr className="pf-write">
            <Th k="print:form.caseNo" texts={texts} />
            <td />
            <Th k="print:form.serviceItem" texts={texts} />
            <td />
          </tr>
          <tr className="pf-write">
            <Th k="print:form.staffName" texts={texts} />
            <td />
            <Th k="print:form.employeeNo" texts={texts} />
            <td />
          </tr>
          <tr className="pf-write">
            <Th k="print:form.serviceDate" texts={texts} />
            <td colSpan={3}>
              <DateBlank texts={texts} />
            </td>
          </tr>
          <tr>
            <Th k="print:form.level" texts={texts} />
            <td colSpan={3} className="pf-levels-cell">
              <p className="pf-hint">
                <Msg k="print:form.levelHint" texts={texts} />
              </p>
              <ul className="pf-levels" data-testid="form-levels">
                {LEVELS.map((level) => (
                  <li key={level.key} className="pf-level" data-level={level.key}>
                    <span className="pf-box pf-box-large" aria-hidden="true" />
                    <span className="pf-level-name">{texts.zh(`kiosk:level.${level.key}`)}</span>
                    {texts.l2 && texts.second && (
                      <span className="pf-l2" lang={texts.second}>
                        {texts.l2(`kiosk:level.${level.key}`)}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
          <tr>
            <Th k="print:form.reasons" texts={texts} />
            <td colSpan={3} className="pf-reasons-cell">
              <p className="pf-hint">
                <Msg k="print:form.reasonsHint" texts={texts} />
              </p>
              <ul className="pf-reasons" data-testid="form-reasons">
                {listed.map((r) => (
                  <li key={r.key} className="pf-reason">
                    <span className="pf-box" aria-hidden="true" />
                    <span className="pf-reason-text">
                      <DataLabel text={r.label} texts={texts} />
                    </span>
                  </li>
                ))}
                <li className="pf-reason pf-other">
                  <span className="pf-box" aria-hidden="true" />
                  <span className="pf-reason-text">
                    {other ? <DataLabel text={other.label} texts={texts} /> : <Msg k="print:form.other" texts={texts} />}
                  </span>
                  <span className="pf-line" />
                </li>
              </ul>
            </td>
          </tr>
        </tbody>
      </table>

      {/* The comments box takes whatever height the page has left, so the form always ends on page one. */}
      <div className="pf-comments">
        <div className="pf-comments-label">
          <Msg k="print:form.comments" texts={texts} />
        </div>
        <div className="pf-comments-space" />
      </div>

      <table className="pf-table pf-table-after">
        <colgroup>
          <col className="pf-col-label" />
          <col />
          <col className="pf-col-label" />
          <col />
        </colgroup>
        <tbody>
          <tr className="pf-consent-row">
            <Th k="print:form.evaluator" texts={texts} />
            <td colSpan={3} className="pf-consent">
              <Msg k="kiosk:reasons.consent" texts={texts} />
            </td>
          </tr>
          <tr className="pf-write">
            <Th k="print:form.evaluatorName" texts={texts} />
            <td />
            <Th k="print:form.evaluatorPhone" texts={texts} />
            <td />
          </tr>
          <tr className="pf-write">
            <Th k="print:form.evaluatorCompany" texts={texts} />
            <td colSpan={3} />
          </tr>
          <tr className="pf-office-head">
            <th colSpan={4} scope="rowgroup">
              <Msg k="print:form.office" texts={texts} />
            </th>
          </tr>
          <tr className="pf-write">
            <Th k="print:form.enteredBy" texts={texts} />
            <td />
            <Th k="print:form.checkedBy" texts={texts} />
            <td />
          </tr>
          <tr className="pf-write">
            <Th k="print:form.enteredOn" texts={texts} />
            <td colSpan={3}>
              <DateBlank texts={texts} />
            </td>
          </tr>
        </tbody>
      </table>
    </article>
  );
}
