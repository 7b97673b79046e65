import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API } from '../../domain/endpoints';
import type { RatingFlagSettings } from '../../domain/rating-flags';
import { apiRequest } from '../../account/api-client';
import { AdminForm, FormDone, LoadFailure, useAdminForm } from '../shared/AdminForm';
import { adminErrorText } from '../shared/admin-errors';
import { TextField } from '../shared/Fields';
import { useAdminResource } from '../shared/useAdminResource';

type Values = Record<'fastTapMs' | 'kioskMax' | 'kioskMinutes' | 'qrMax' | 'qrMinutes', string>;

// The bounds of RatingFlagSettingsSchema (src/domain/rating-flags.ts), said next to each field before sending.
const BOUNDS: Record<keyof Values, [number, number]> = {
  fastTapMs: [0, 60_000],
  kioskMax: [1, 10_000],
  kioskMinutes: [1, 1_440],
  qrMax: [1, 10_000],
  qrMinutes: [1, 1_440],
};

const toValues = (s: RatingFlagSettings): Values => ({
  fastTapMs: String(s.fastTapMs),
  kioskMax: String(s.kioskBurst.maxCount),
  kioskMinutes: String(s.kioskBurst.windowMinutes),
  qrMax: String(s.windowQrBurst.maxCount),
  qrMinutes: String(s.windowQrBurst.windowMinutes),
});

const loadSettings = () => apiRequest<RatingFlagSettings>('GET', API.flagSettings.path);

/** /admin → anti-coercion flags: the thresholds supervision's flagged list uses (audited when saved). */
export function FlagSettingsAdmin({ onSignedOut }: { onSignedOut: () => void }) {
  const { t } = useTranslation('admin');
  const settings = useAdminResource(loadSettings, onSignedOut);
  if (settings.error !== undefined && !settings.data) return <LoadFailure message={adminErrorText(t, settings.error)} retry={settings.reload} />;
  if (!settings.data) return null;
  return <FlagSettingsForm current={settings.data} key={JSON.stringify(settings.data)} />;
}

function FlagSettingsForm({ current }: { current: RatingFlagSettings }) {
  const { t } = useTranslation('admin');
  const [done, setDone] = useState<string | null>(null);
  const { methods, onSubmit, failure } = useAdminForm<Values>(toValues(current), async (v) => {
    setDone(null);
    const body: RatingFlagSettings = {
      fastTapMs: Number(v.fastTapMs),
      kioskBurst: { maxCount: Number(v.kioskMax), windowMinutes: Number(v.kioskMinutes) },
      windowQrBurst: { maxCount: Number(v.qrMax), windowMinutes: Number(v.qrMinutes) },
    };
    await apiRequest<RatingFlagSettings>('PUT', API.putFlagSettings.path, { json: body });
    setDone(t('flags.saved'));
  });
  const field = (name: keyof Values) => {
    const [min, max] = BOUNDS[name];
    const bounds = t('flags.bounds', { min, max });
    return (
      <TextField
        key={name}
        name={name}
        label={t(`flags.${name}`)}
        input={{ inputMode: 'numeric' }}
        rules={{ validate: (v: string) => (/^\d+$/.test(v.trim()) && Number(v) >= min && Number(v) <= max) || bounds }}
      />
    );
  };
  return (
    <section className="admin-section">
      <p className="hint">{t('flags.intro')}</p>
      <AdminForm methods={methods} onSubmit={onSubmit} title={t('flags.title')} submitLabel={t('flags.save')} testId="flag-settings" failure={failure}>
        {(Object.keys(BOUNDS) as (keyof Values)[]).map(field)}
      </AdminForm>
      <FormDone message={done} />
    </section>
  );
}
