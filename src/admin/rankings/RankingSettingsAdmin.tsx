import { useId, useState } from 'react';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../account/api-client';
import { useNamespaces } from '../../account/useNamespace';
import { API } from '../../domain/endpoints';
import type { RankingSettings } from '../../domain/figures/ranking-settings';
import { AdminForm, FormDone, LoadFailure, useAdminForm } from '../shared/AdminForm';
import { adminErrorText } from '../shared/admin-errors';
import { TextField } from '../shared/Fields';
import { useAdminResource } from '../shared/useAdminResource';

type Values = { bottomPlaces: string; period: RankingSettings['period']; runLength: string };

// The bounds of RankingSettingsSchema (src/domain/figures/ranking-settings.ts), said next to each field before sending.
const BOUNDS = { bottomPlaces: [1, 50], runLength: [2, 12] } as const;

const loadSettings = () => apiRequest<RankingSettings>('GET', API.rankingSettings.path);

/** /admin → 排名设置: what "the bottom ranks N periods in a row" means for the rankings' flags (audited when saved). */
export function RankingSettingsAdmin({ onSignedOut }: { onSignedOut: () => void }) {
  const ready = useNamespaces('rankings');
  const { t } = useTranslation('admin');
  const settings = useAdminResource(loadSettings, onSignedOut);
  if (settings.error !== undefined && !settings.data) return <LoadFailure message={adminErrorText(t, settings.error)} retry={settings.reload} />;
  if (!settings.data || !ready) return null;
  return <RankingSettingsForm current={settings.data} key={JSON.stringify(settings.data)} />;
}

function RankingSettingsForm({ current }: { current: RankingSettings }) {
  const { t } = useTranslation('rankings');
  const [done, setDone] = useState<string | null>(null);
  const { methods, onSubmit, failure } = useAdminForm<Values>(
    { bottomPlaces: String(current.bottomPlaces), period: current.period, runLength: String(current.runLength) },
    async (v) => {
      setDone(null);
      const body: RankingSettings = { bottomPlaces: Number(v.bottomPlaces), period: v.period, runLength: Number(v.runLength) };
      await apiRequest<RankingSettings>('PUT', API.putRankingSettings.path, { json: body });
      setDone(t('settings.saved'));
    },
  );
  const number = (name: keyof typeof BOUNDS) => {
    const [min, max] = BOUNDS[name];
    const bounds = t('settings.bounds', { min, max });
    return (
      <TextField
        name={name}
        label={t(`settings.${name}`)}
        hint={bounds}
        input={{ inputMode: 'numeric' }}
        rules={{ validate: (v: string) => (/^\d+$/.test(v.trim()) && Number(v) >= min && Number(v) <= max) || bounds }}
      />
    );
  };
  return (
    <section className="admin-section">
      <p className="hint">{t('settings.intro')}</p>
      <AdminForm methods={methods} onSubmit={onSubmit} title={t('settings.title')} submitLabel={t('settings.save')} testId="ranking-settings" failure={failure}>
        {number('bottomPlaces')}
        <PeriodField />
        {number('runLength')}
      </AdminForm>
      <FormDone message={done} />
    </section>
  );
}

function PeriodField() {
  const { t } = useTranslation('rankings');
  const uid = useId();
  const { register } = useFormContext<Values>();
  return (
    <div className="text-field">
      <label htmlFor={uid}>{t('settings.period')}</label>
      <select id={uid} data-testid="period" {...register('period')}>
        <option value="quarter">{t('periods.quarter')}</option>
        <option value="month">{t('periods.month')}</option>
      </select>
    </div>
  );
}
