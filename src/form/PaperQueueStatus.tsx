import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { KioskDatabase } from '../data/db';
import { readPaperQueue } from '../data/paper-queue';
import { formatCstIso } from '../domain/time';

/** How many typed-in forms and photos wait for the server, and when the last ones went. */
export function PaperQueueStatus({ db }: { db: KioskDatabase }) {
  const { t } = useTranslation('form');
  const status = useLiveQuery(() => readPaperQueue(db), [db]);
  if (!status) return null;
  return (
    <p className="paper-queue" data-testid="paper-queue" data-forms={status.forms} data-photos={status.photos}>
      {t('queue.waiting', { forms: status.forms, photos: status.photos })}
      {status.held > 0 && <span className="status-problem"> {t('queue.held', { count: status.held })}</span>}
      {status.sync?.lastSuccessAt && <span className="hint"> {t('queue.lastSync', { time: formatCstIso(status.sync.lastSuccessAt).slice(11, 16) })}</span>}
      {status.sync?.lastError?.kind === 'auth' && <span className="status-problem"> {t('queue.signInAgain')}</span>}
    </p>
  );
}
