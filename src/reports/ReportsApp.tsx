import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignedInShell } from '../account/SignedInShell';
import { useNamespaces } from '../account/useNamespace';
import type { Me } from '../domain/account-api';
import { hasPermission, reportScope } from '../domain/roles';
import type { Namespace } from '../i18n/namespaces';
import { MonthDueReminder } from './month-close/MonthDueReminder';
import './reports.css';

/**
 * /reports (issue 15): the figures for the office, supervision and personnel (every unit) and for leads (their
 * window). Each view is its own lazy chunk with its own messages: the chart library loads only with the bulletin.
 */
type View = 'attachment2' | 'close' | 'bulletin' | 'annual' | 'rankings';

const SCREENS: Record<View, { ns: Namespace; screen: React.LazyExoticComponent<React.ComponentType<{ me: Me }>> }> = {
  attachment2: { ns: 'reports', screen: lazy(() => import('./attachment2/Attachment2Screen')) },
  close: { ns: 'monthClose', screen: lazy(() => import('./month-close/MonthCloseScreen')) },
  bulletin: { ns: 'bulletin', screen: lazy(() => import('./bulletin/BulletinScreen')) },
  annual: { ns: 'annual', screen: lazy(() => import('./annual/AnnualReportScreen')) },
  rankings: { ns: 'rankings', screen: lazy(() => import('./rankings/RankingsScreen')) },
};

function viewsOf(me: Me): View[] {
  const views: View[] = ['attachment2'];
  if (hasPermission(me, 'reports.submit')) views.push('close');
  views.push('bulletin', 'annual');
  if (hasPermission(me, 'rankings.read')) views.push('rankings');
  return views;
}

function LazyView({ view, me }: { view: View; me: Me }) {
  const { ns, screen: Screen } = SCREENS[view];
  const ready = useNamespaces(ns);
  if (!ready) return null;
  return (
    <Suspense fallback={<p className="page-loading">…</p>}>
      <Screen me={me} />
    </Suspense>
  );
}

function Reports({ me }: { me: Me }) {
  const { t } = useTranslation('reports');
  const views = viewsOf(me);
  const [view, setView] = useState<View>(views[0]!);
  return (
    <div className="reports-main">
      <MonthDueReminder me={me} />
      <nav className="reports-views no-print" aria-label={t('views.label')}>
        {views.map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
            {t(`views.${v}`)}
          </button>
        ))}
      </nav>
      <LazyView view={view} me={me} />
    </div>
  );
}

function NoReports() {
  const { t } = useTranslation('reports');
  return (
    <p className="note" data-testid="no-reports">
      {t('noAccess')}
    </p>
  );
}

export default function ReportsApp() {
  return (
    <SignedInShell namespaces={['staff', 'reports']} titleKey="reports:title" className="reports-app">
      {({ me }) => (reportScope(me) ? <Reports me={me} /> : <NoReports />)}
    </SignedInShell>
  );
}
