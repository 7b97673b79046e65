import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../../kiosk/FieldError';
import { PHOTO_MAX_HEIGHT, PHOTO_MAX_WIDTH, PhotoError, resizePhoto, type ResizedPhoto } from '../../media/photo-resize';

/** An object URL for a blob while it is shown, revoked when it changes or leaves. */
function useObjectUrl(blob: Blob | null | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return setUrl(null);
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [blob]);
  return url;
}

interface PhotoInputProps {
  label: string;
  /** The resized photo, held by the form that uploads it; null when none is chosen. */
  value: ResizedPhoto | null;
  onChange(photo: ResizedPhoto | null): void;
  /** True while a picture is being decoded and resized: the form should wait. */
  onBusy(busy: boolean): void;
  /** The photo the account has now, shown until another is chosen. */
  currentUrl?: string | null;
  testId?: string;
}

/**
 * A photo from the camera (tablets offer it: capture="user") or a file, decoded and resized on this device to
 * at most 480×600 JPEG, previewed before it is sent.
 */
export function PhotoInput({ label, value, onChange, onBusy, currentUrl, testId = 'photo-input' }: PhotoInputProps) {
  const { t } = useTranslation('admin');
  const uid = useId();
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const previewUrl = useObjectUrl(value?.blob);

  // The form cleared the photo (saved, or reset): the file input forgets the file too.
  useEffect(() => {
    if (!value && !busy && input.current) input.current.value = '';
  }, [value, busy]);

  const choose = async (file: File | undefined) => {
    const turn = ++latest.current;
    setProblem(null);
    onChange(null);
    setBusy(!!file);
    onBusy(!!file);
    if (!file) return;
    try {
      const photo = await resizePhoto(file);
      if (turn === latest.current) onChange(photo);
    } catch (err) {
      if (turn === latest.current) setProblem(t(`photo.${err instanceof PhotoError ? err.problem : 'unreadable'}`));
    } finally {
      if (turn === latest.current) {
        setBusy(false);
        onBusy(false);
      }
    }
  };

  const shown = previewUrl ?? currentUrl ?? null;
  return (
    <div className="photo-input">
      <div className="photo-frame">
        {shown ? (
          <img src={shown} alt={previewUrl ? t('photo.preview') : t('photo.current')} />
        ) : (
          <span className="photo-none">{t('photo.none')}</span>
        )}
      </div>
      <div className="text-field">
        <span id={`${uid}-label`}>{label}</span>
        {/* The browser's own file button speaks the browser's language; this one speaks the screen's. */}
        <input
          ref={input}
          id={uid}
          className="visually-hidden"
          type="file"
          accept="image/*"
          capture="user"
          data-testid={testId}
          aria-labelledby={`${uid}-label`}
          aria-invalid={!!problem}
          aria-describedby={[`${uid}-hint`, problem ? `${uid}-error` : ''].filter(Boolean).join(' ')}
          onChange={(e) => void choose(e.currentTarget.files?.[0])}
        />
        <label htmlFor={uid} className="file-button" aria-hidden="true">
          {t('photo.choose')}
        </label>
        <span id={`${uid}-hint`} className="hint">
          {t('photo.hint', { width: PHOTO_MAX_WIDTH, height: PHOTO_MAX_HEIGHT })}
        </span>
        <FieldError id={`${uid}-error`} message={problem ?? undefined} />
        <span className="hint" role="status">
          {busy ? t('photo.resizing') : value ? t('photo.ready', { width: value.width, height: value.height, kb: Math.ceil(value.blob.size / 1024) }) : ''}
        </span>
        {value && (
          <button type="button" className="secondary small" onClick={() => void choose(undefined)}>
            {t('photo.remove')}
          </button>
        )}
      </div>
    </div>
  );
}
