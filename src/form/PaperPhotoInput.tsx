import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAPER_PHOTO, PhotoError, resizePhoto } from '../media/photo-resize';
import { FieldError } from '../kiosk/FieldError';

/**
 * A photo of the paper from the tablet camera or a file, resized on the device; optional. While it is being resized
 * the form is told (onBusyChange), so it is not submitted without it and the photo does not land on the next form.
 */
export function PaperPhotoInput({
  photo,
  onChange,
  onBusyChange,
  disabled = false,
}: {
  photo: Blob | null;
  onChange: (photo: Blob | null) => void;
  onBusyChange?: (busy: boolean) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation('form');
  const uid = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [preview, setPreview] = useState<string>();
  useEffect(() => {
    if (!photo) return setPreview(undefined);
    const url = URL.createObjectURL(photo);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [photo]);
  const choose = async (file: File | undefined) => {
    if (!file || disabled) return;
    setBusy(true);
    onBusyChange?.(true);
    setError(undefined);
    try {
      onChange((await resizePhoto(file, PAPER_PHOTO)).blob);
    } catch (err) {
      setError(t(`photo.${err instanceof PhotoError ? err.problem : 'unreadable'}`));
    } finally {
      setBusy(false);
      onBusyChange?.(false);
    }
  };
  return (
    <fieldset className="form-section">
      <legend>{t('sections.photo')}</legend>
      <p className="hint">{t('photo.hint')}</p>
      <div className="paper-photo">
        {preview && <img src={preview} alt={t('photo.preview')} data-testid="paper-photo-preview" />}
        <div>
          <label htmlFor={`${uid}-file`} className="button-like">
            {photo ? t('photo.replace') : t('photo.take')}
          </label>
          <input
            id={`${uid}-file`}
            className="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            data-testid="paper-photo-input"
            aria-describedby={error ? `${uid}-error` : undefined}
            disabled={busy || disabled}
            onChange={(e) => {
              void choose(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          {busy && <span className="hint"> {t('photo.working')}</span>}
          {photo && !busy && (
            <>
              <span className="hint" data-testid="paper-photo-size">
                {' '}
                {t('photo.ready', { kib: Math.round(photo.size / 1024) })}
              </span>{' '}
              <button type="button" className="secondary" disabled={disabled} onClick={() => onChange(null)}>
                {t('photo.remove')}
              </button>
            </>
          )}
          <FieldError id={`${uid}-error`} message={error} />
        </div>
      </div>
    </fieldset>
  );
}
