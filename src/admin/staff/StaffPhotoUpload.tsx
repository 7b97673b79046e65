import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDone, FormFailure } from '../shared/AdminForm';
import type { AdminStaff } from '../shared/catalog-types';
import { PhotoInput } from './PhotoInput';
import type { ResizedPhoto } from '../../media/photo-resize';
import { uploadStaffPhoto } from './staff-requests';
import { useAction } from '../shared/useAction';

/** Replaces an account's photo (the kiosk's staff card shows it). */
export function StaffPhotoUpload({ staff, onSaved }: { staff: AdminStaff; onSaved: () => Promise<void> }) {
  const { t } = useTranslation('admin');
  const [photo, setPhoto] = useState<ResizedPhoto | null>(null);
  const [resizing, setResizing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const upload = useAction();
  const send = () =>
    upload.run(async () => {
      if (!photo) return;
      setDone(null);
      await uploadStaffPhoto(staff.id, photo.blob);
      setPhoto(null);
      await onSaved();
      setDone(t('staff.photoDone'));
    });
  return (
    <section className="admin-form" aria-label={t('staff.photoTitle')} data-testid="replace-photo">
      <h3>{t('staff.photoTitle')}</h3>
      <PhotoInput label={t('photo.replace')} value={photo} onChange={setPhoto} onBusy={setResizing} currentUrl={staff.photoUrl} testId="replace-photo-input" />
      <FormFailure message={upload.failure} />
      <div className="admin-actions">
        <button type="button" className="primary" disabled={!photo || resizing || upload.busy} onClick={() => void send()}>
          {upload.busy ? t('common.saving') : t('staff.photoSubmit')}
        </button>
      </div>
      <FormDone message={done} />
    </section>
  );
}
