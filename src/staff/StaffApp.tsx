import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignedInShell } from '../account/SignedInShell';
import { useNamespaces } from '../account/useNamespace';
import { useAppServices } from '../app-context';
import type { Me } from '../domain/account-api';
import { hasPermission } from '../domain/roles';
import { useCaseAlerts } from '../cases/useCaseAlerts';
import { MonthDueReminder } from '../reports/month-close/MonthDueReminder';
import { RatingsScreen } from './RatingsScreen';
import { reportTabletSession } from './tablet-session';
import './staff.css';

// Supervision reads the audit log here; the administrator has it among the admin screens.
const AuditLog = lazy(() => import('../admin/audit/AuditLog').then((m) => ({ default: m.AuditLog })));
const CasesScreen = lazy(() => import('../cases/CasesScreen').then((m) => ({ default: m.CasesScreen })));
const FlaggedRatingsScreen = lazy(() => import('./flags/FlaggedRatingsScreen').then((m) => ({ default: m.FlaggedRatingsScreen })));
const DisclosureScreen = lazy(() => import('./disclosure/DisclosureScreen').then((m) => ({ default: m.DisclosureScreen })));
const ServiceCasesScreen = lazy(() => import('../service-cases/ServiceCasesScreen').then((m) => ({ default: m.ServiceCasesScreen })));

type View = 'ratings' | 'cases' | 'serviceCases' | 'flags' | 'disclosure' | 'audit';

const NAMESPACE_OF = { audit: 'admin', cases: 'cases', serviceCases: 'serviceCases', flags: 'staff', disclosure: 'disclosure' } as const;

/** /staff?case=<id>: a link to one case (the rankings' evidence); opens the case list at it for whoever may read it. */
const linkedCase = () => new URLSearchParams(window.location.search).get('case') ?? undefined;

function LazyView({ view, me, arrivals }: { view: Exclude<View, 'ratings'>; me: Me; arrivals: number }) {
  const ready = useNamespaces(NAMESPACE_OF[view]);
  if (!ready) return null;
  return (
    <Suspense fallback={null}>
      {view === 'flags' ? (
        <FlaggedRatingsScreen />
      ) : view === 'disclosure' ? (
        <DisclosureScreen />
      ) : view === 'audit' ? (
        <div className="ratings-screen">
          <AuditLog />
        </div>
      ) : view === 'serviceCases' ? (
        <ServiceCasesScreen me={me} />
      ) : (
        <CasesScreen me={me} arrivals={arrivals} focusCaseId={linkedCase()} />
      )}
    </Suspense>
  );
}

function Views({ me, db }: { me: Me; db: ReturnType<typeof useAppServices>['db'] }) {
  const { t } = useTranslation('staff');
  const views: View[] = ['ratings'];
  if (hasPermission(me, 'cases.read')) views.push('cases');
  // Window staff and leads: their 办件 of today, to enter and to invite a rating for.
  if (me.roles.includes('STAFF') || me.roles.includes('LEAD')) views.push('serviceCases');
  if (hasPermission(me, 'flags.read')) views.push('flags');
  // Comments evaluators allowed to publish (issue 16): a lead decides their window's, the office every unit's.
  if (hasPermission(me, 'comments.publish')) views.push('disclosure');
  if (hasPermission(me, 'audit.read') && !me.roles.includes('ADMIN')) views.push('audit');
  // Handling bad reviews is the daily work of staff and leads: it opens first.
  const handler = me.roles.includes('STAFF') || me.roles.includes('LEAD');
  // Overdue cases escalate: the window's lead and supervision are told until they are dealt with.
  const overseer = me.roles.includes('LEAD') || me.roles.includes('SUPERVISION');
  const [view, setView] = useState<View>((handler || linkedCase()) && views.includes('cases') ? 'cases' : 'ratings');
  // Whatever view is open, a new bad review shows at once to the person rated and their lead (supervision gets the
  // count on the badge, not an alarm for every window).
  const alerts = useCaseAlerts(db, me, views.includes('cases'));
  // On an enrolled kiosk tablet, the server learns that this person is signed in on it (STAFF_SIGNED_IN).
  useEffect(() => void reportTabletSession(db), [db, me.id]);
  return (
    <>
      <MonthDueReminder me={me} link />
      {views.length > 1 && (
        <nav className="staff-views" aria-label={t('views.label')}>
          {views.map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
              {t(`views.${v}`)}
              {v === 'cases' && !!alerts.open && (
                <span className="count-badge" data-testid="cases-badge" aria-label={t('views.openBadge', { count: alerts.open })}>
                  {alerts.open}
                </span>
              )}
            </button>
          ))}
        </nav>
      )}
      {alerts.fresh && handler && (
        <p className="case-alert" role="alert" data-testid="case-alert">
          {t('views.newCase')}{' '}
          {view !== 'cases' && (
            <button type="button" onClick={() => setView('cases')}>
              {t('views.show')}
            </button>
          )}{' '}
          <button type="button" className="secondary" onClick={alerts.markSeen}>
            {t('views.seen')}
          </button>
        </p>
      )}
      {overseer && alerts.overdue > 0 && (
        <p className="case-alert case-escalation" role="status" data-testid="cases-overdue-alert">
          {t('views.overdue', { count: alerts.overdue })}{' '}
          {view !== 'cases' && (
            <button type="button" onClick={() => setView('cases')}>
              {t('views.show')}
            </button>
          )}
        </p>
      )}
      {view === 'ratings' ? <RatingsScreen db={db} me={me} /> : <LazyView view={view} me={me} arrivals={alerts.arrivals} />}
    </>
  );
}

/** /staff: window staff, leads, the office, supervision and personnel see the ratings and cases their roles allow. */
export default function StaffApp() {
  const { db } = useAppServices();
  return (
    <SignedInShell namespaces={['staff']} titleKey="staff:signIn.staffTitle" className="staff-app">
      {({ me }) => <Views me={me} db={db} />}
    </SignedInShell>
  );
}
