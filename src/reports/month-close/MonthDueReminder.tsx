import { useTranslation } from 'react-i18next';
import { useNamespaces } from '../../account/useNamespace';
import type { Me } from '../../domain/account-api';
import { hasPermission } from '../../domain/roles';
import { cstDate } from '../../domain/time';
import { REPORTS_PATH } from '../../routes';
import { lastOnTimeDay, monthLabel } from './labels';
import { useMonthCloses } from './use-month-closes';
import './month-close.css';

function Reminder({ link }: { link: boolean }) {
  const { t } = useTranslation('monthClose');
  const list = useMonthCloses({ pollMs: 10 * 60_000 });
  const [first, ...rest] = list.data?.reminder ?? [];
  if (!first) return null;
  const overdue = first.status === 'overdue';
  return (
    <p className={`month-due-reminder no-print${overdue ? ' overdue' : ''}`} role="status" data-testid="month-due-reminder">
      {t(`reminder.${first.status}`, { month: monthLabel(t, first.month), lastDay: lastOnTimeDay(first.deadline), overdueFrom: cstDate(first.deadline) })}
      {rest.length > 0 && ` ${t('reminder.more', { count: rest.length })}`}
      {link && (
        <>
          {' '}
          <a href={REPORTS_PATH}>{t('reminder.open')}</a>
        </>
      )}
    </p>
  );
}

/**
 * The office's reminder at the top of /reports and /staff (issue 15): the newest month not yet submitted, its
 * deadline (by the 9th) and that it is overdue from the 10th, and how many other months wait; shown on every view
 * until submitted. Only for those who submit (reports.submit); `link` adds a way to /reports from elsewhere.
 */
export function MonthDueReminder({ me, link = false }: { me: Me; link?: boolean }) {
  const submits = hasPermission(me, 'reports.submit');
  const ready = useNamespaces('monthClose');
  if (!submits || !ready) return null;
  return <Reminder link={link} />;
}
