import { useTranslation } from 'react-i18next';
import { formatCstMinute } from '../domain/time';
import { InviteButton } from './InviteButton';
import { RatingLinkPanel } from './RatingLinkPanel';
import type { ServiceCaseEntry } from './useServiceCases';

/** What a line shows, whether the server holds it or it waits on this tablet. */
export function entryFacts(entry: ServiceCaseEntry) {
  const c = entry.kind === 'server' ? entry.serviceCase : entry.local.record;
  return { key: entry.kind === 'server' ? entry.serviceCase.id : entry.local.record.id, caseNo: c.caseNo, serviceItemId: c.serviceItemId, status: c.status, applicantType: c.applicantType, acceptedAt: c.acceptedAt, finishedAt: c.finishedAt };
}

/**
 * One 办件 opened: its facts in the UI language and China time; for one the server holds, the two ways to have it
 * rated. One still waiting on the tablet has no server id yet: it says so instead.
 */
export function ServiceCaseDetail({ entry, itemName, onClose }: { entry: ServiceCaseEntry; itemName: (id: string) => string; onClose(): void }) {
  const { t } = useTranslation('serviceCases');
  const c = entryFacts(entry);
  return (
    <section className="service-case-detail" data-testid="service-case-detail" aria-labelledby="service-case-detail-title">
      <div className="ratings-toolbar">
        <h2 id="service-case-detail-title">{c.caseNo}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('detail.back')}
        </button>
      </div>
      <dl className="service-case-facts">
        <dt>{t('fields.serviceItem')}</dt>
        <dd>{itemName(c.serviceItemId)}</dd>
        <dt>{t('fields.caseNo')}</dt>
        <dd>{c.caseNo}</dd>
        <dt>{t('fields.status')}</dt>
        <dd>{t(`status.${c.status}`)}</dd>
        <dt>{t('fields.applicantType')}</dt>
        <dd>{t(`applicantType.${c.applicantType}`)}</dd>
        <dt>{t('fields.acceptedAt')}</dt>
        <dd>{formatCstMinute(c.acceptedAt)}</dd>
        <dt>{t('fields.finishedAt')}</dt>
        <dd>{c.finishedAt === null ? t('detail.notFinished') : formatCstMinute(c.finishedAt)}</dd>
      </dl>
      {entry.kind === 'server' ? (
        <>
          <InviteButton serviceCaseId={entry.serviceCase.id} />
          <RatingLinkPanel serviceCaseId={entry.serviceCase.id} />
        </>
      ) : (
        <p className="note">{t('detail.waitingForServer')}</p>
      )}
    </section>
  );
}
