import { useTranslation } from 'react-i18next';
import type { AnnualReport } from '../../domain/figures/annual-api';
import { formatCstMinute } from '../../domain/time';
import type { Names } from './annual-names';

type Entry = AnnualReport['units'][number]['windows'][number]['entries'][number];

const when = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : formatCstMinute(ms));

/** One bad review with the notice's four records side by side: 差评记录, 情况说明, 整改, 回复; then its dates. */
export function AnnualEntryCard({ entry: e, names, no }: { entry: Entry; names: Names; no: number }) {
  const { t } = useTranslation('annual');
  const r = e.rating;
  const d = e.decision;
  const item = names.item(r.serviceItemId);
  const reasons = r.reasons.map(names.reason).join('、') + (r.otherReason ? `（${r.otherReason}）` : '');
  return (
    <article className="annual-entry" data-rating-id={r.id} data-stage={e.stage} aria-label={t('entry.label', { no })}>
      <header className="annual-entry-head">
        <span className="annual-no">{no}</span>
        <span>{when(r.ratedAt)}</span>
        <span>{names.staff(r.staffId)}</span>
        <span className={`annual-tag${e.counted ? '' : ' annual-tag-muted'}`}>{e.invalid ? t('counted.invalid') : e.counted ? t('counted.yes') : t('counted.earlier')}</span>
        <span className="annual-tag">{d ? t(`paths.${d.path}`) + (d.awaitingApproval ? t('awaitingApproval') : '') : t('undecided')}</span>
        <span className={`annual-tag${e.overdue ? ' annual-tag-overdue' : ''}`}>{e.closedAt !== null ? t('closed') : e.overdue ? t('overdue') : t('open')}</span>
      </header>
      <div className="annual-records">
        <section aria-label={t('records.review')}>
          <h4>{t('records.review')}</h4>
          <p>{t(`levels.${r.level}`)} · {t(`channels.${r.channel}`)} · {e.realName ? t('realName') : t('anonymous')}</p>
          <p>{t('fields.reasons')}：{reasons || '—'}</p>
          {r.comment && <p className="annual-quote">{r.comment}</p>}
          {item && <p>{t('fields.item')}：{item}</p>}
        </section>
        <section aria-label={t('records.explanation')}>
          <h4>{t('records.explanation')}</h4>
          {e.callBack ? (
            <p>{t('fields.callBack', { when: when(e.callBack.at), channel: t(`contact.${e.callBack.channel}`), by: names.staff(e.callBack.by) })}{e.callBack.note ? `：${e.callBack.note}` : ''}</p>
          ) : e.realName ? (
            <p>{t('fields.notReached', { count: e.callAttempts })}</p>
          ) : null}
          {d ? (
            <>
              <p>{t('fields.decided', { when: when(d.at), path: t(`paths.${d.path}`), by: names.staff(d.by) })}</p>
              {d.reason && <p>{t('fields.category')}：{t(`notAdopted.${d.reason}`)}</p>}
              {d.text && <p className="annual-quote">{d.path === 'NOT_ADOPTED' ? `${t('fields.evidence')}：${d.text}` : d.text}</p>}
              {d.deadline && <p>{t('fields.specialDeadline', { date: d.deadline })}</p>}
              {d.approved ? (
                <p>{t('fields.approved', { when: when(d.approved.at), by: names.staff(d.approved.by) })}</p>
              ) : d.awaitingApproval ? (
                <p>{t('fields.awaiting', { by: d.approverId ? names.staff(d.approverId) : '—' })}</p>
              ) : null}
            </>
          ) : (
            <p>{t('undecided')}</p>
          )}
          {e.reopened && <p>{t('fields.reopened', { count: e.reopened.count, when: when(e.reopened.lastAt), reason: e.reopened.lastReason })}</p>}
        </section>
        <section aria-label={t('records.rectification')}>
          <h4>{t('records.rectification')}</h4>
          {e.rectification ? (
            <>
              <p className="annual-quote">{e.rectification.what}</p>
              <p>{t('fields.by', { when: when(e.rectification.at), by: names.staff(e.rectification.by) })}</p>
            </>
          ) : (
            <p>{d?.path === 'NOT_ADOPTED' ? t('noRectificationOwed') : t('notYet')}</p>
          )}
        </section>
        <section aria-label={t('records.reply')}>
          <h4>{t('records.reply')}</h4>
          {e.reply ? (
            <>
              <p className="annual-quote">{e.reply.text}</p>
              <p>{t('fields.replied', { when: when(e.reply.at), channel: t(`contact.${e.reply.channel}`), by: names.staff(e.reply.by) })}</p>
            </>
          ) : (
            <p>{e.realName ? t('notYet') : t('noReplyOwed')}</p>
          )}
        </section>
      </div>
      <footer className="annual-dates">
        <span>{t('dates.callBackDue')}：{e.callBackDue ? `${e.callBackDue.date} · ${t(`deadline.${e.callBackState}`)}` : '—'}</span>
        <span>{t('dates.fixDue')}：{e.fixDue.date} · {t(`deadline.${e.fixState}`)}</span>
        <span>{t('dates.closed')}：{when(e.closedAt)}</span>
        {!(e.fixDue.certain && (e.callBackDue?.certain ?? true)) && <span>{t('dates.estimated')}</span>}
      </footer>
    </article>
  );
}
