import { useTranslation } from 'react-i18next';
import type { HeldItem } from '../data/outbox-status';
import { formatCstIso } from '../domain/time';

/** Conflicts or refused records, each with its time, level and the server's reason. */
export function HeldItemsTable({ title, help, items, testId }: { title: string; help: string; items?: HeldItem[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <section className="held-items" data-testid={testId} data-count={items?.length ?? 0}>
      <h2>
        {title} ({items?.length ?? 0})
      </h2>
      {items && items.length > 0 ? (
        <>
          <p className="hint">{help}</p>
          <table>
            <thead>
              <tr>
                <th>{t('device.colTime')}</th>
                <th>{t('device.colLevel')}</th>
                <th>{t('device.colError')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map(({ item, rating }) => (
                <tr key={item.id}>
                  <td>{formatCstIso(item.enqueuedAt).slice(0, 19).replace('T', ' ')}</td>
                  <td>{rating ? t(`level.${rating.record.level}`) : '—'}</td>
                  <td>{item.lastError ? `${item.lastError.code}: ${item.lastError.message}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>{t('device.none')}</p>
      )}
    </section>
  );
}
