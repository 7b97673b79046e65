import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildPath, API } from '../../domain/endpoints';
import { REVIEW_NOTE_MAX, type RatingReview, type ReviewVerdict } from '../../domain/rating-review';
import { apiRequest, ApiRequestError } from '../../account/api-client';
import { errorText } from '../../account/error-text';

/**
 * Supervision's decision on one flagged rating: valid or invalid, with a note (required for invalid, said next to
 * the field before anything is sent; the server checks it again).
 */
export function ReviewForm({ ratingId, current, onSaved }: { ratingId: string; current: RatingReview | null; onSaved(review: RatingReview): void }) {
  const { t } = useTranslation('staff');
  const [verdict, setVerdict] = useState<ReviewVerdict | null>(current?.verdict ?? null);
  const [note, setNote] = useState(current?.note ?? '');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const noteId = `review-note-${ratingId}`;

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!verdict) return;
    setFailure(null);
    if (verdict === 'INVALID' && note.trim() === '') {
      setNoteError(t('flags.noteRequired'));
      return;
    }
    setNoteError(null);
    setBusy(true);
    try {
      const saved = await apiRequest<RatingReview>('PUT', buildPath(API.reviewRating.path, { id: ratingId }), { json: { verdict, ...(note.trim() ? { note: note.trim() } : {}) } });
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiRequestError && err.code === 'NOTE_REQUIRED') setNoteError(errorText(t, err));
      else setFailure(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="review-form" onSubmit={save} noValidate>
      <fieldset>
        <legend>{t('flags.verdict')}</legend>
        {(['VALID', 'INVALID'] as const).map((v) => (
          <label key={v} className="toggle">
            <input type="radio" name={`verdict-${ratingId}`} value={v} checked={verdict === v} onChange={() => setVerdict(v)} /> {t(`flags.${v}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={noteId}>{t('flags.note')}</label>
      <textarea
        id={noteId}
        value={note}
        maxLength={REVIEW_NOTE_MAX}
        rows={2}
        aria-invalid={noteError ? true : undefined}
        aria-describedby={`${noteId}-hint${noteError ? ` ${noteId}-error` : ''}`}
        onChange={(e) => setNote(e.target.value)}
      />
      <p className="hint" id={`${noteId}-hint`}>
        {t('flags.noteHint')}
      </p>
      {noteError && (
        <p className="field-error" id={`${noteId}-error`} role="alert">
          {noteError}
        </p>
      )}
      <button type="submit" disabled={busy || !verdict}>
        {busy ? t('flags.saving') : t('flags.save')}
      </button>
      {failure && (
        <p className="form-failure" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}
