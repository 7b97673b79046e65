import { useTranslation } from 'react-i18next';
import type { StreamStatus } from '../data/outbox-status';
import { formatCstFull } from './device-format';

/**
 * Each sync stream of the registry (src/data/streams.ts) on its own line: what waits, what is held, when it last
 * reached the server and its latest error. Streams fail and retry independently, so one total would hide which.
 */
export function StreamStatusTable({ streams }: { streams?: StreamStatus[] }) {
  const { t } = useTranslation();
  return (
    <section className="held-items" data-testid="device-streams">
      <h2>{t('device.streams')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('device.colStream')}</th>
            <th>{t('device.colPending')}</th>
            <th>{t('device.colHeld')}</th>
            <th>{t('device.colLastSync')}</th>
            <th>{t('device.lastError')}</th>
          </tr>
        </thead>
        <tbody>
          {(streams ?? []).map((s) => (
            <tr key={s.name} data-stream={s.name} data-pending={s.pending}>
              <td>{t(s.labelKey)}</td>
              <td>{s.pending}</td>
              <td>
                {s.conflicts} / {s.dead}
              </td>
              <td>{s.sync?.lastSuccessAt ? formatCstFull(s.sync.lastSuccessAt, t) : '—'}</td>
              <td>{s.sync?.lastError ? `${s.sync.lastError.code}: ${s.sync.lastError.message}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
