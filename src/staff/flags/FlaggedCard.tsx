import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlaggedListItem } from '../../domain/rating-review';
import type { RatingListRefs, RatingReview } from '../../domain/ratings-api';
import { formatCstMinute } from '../../domain/time';
import { RatingCard } from '../RatingCard';
import { flagText, seconds } from './flag-text';
import { ReviewForm } from './ReviewForm';

/** A flagged rating: the rating as every list shows it, why it is flagged, and supervision's decision. */
export function FlaggedCard({ item, refs, canReview }: { item: FlaggedListItem; refs: RatingListRefs; canReview: boolean }) {
  const { t } = useTranslation('staff');
  const [review, setReview] = useState<RatingReview | null>(item.review);
  const [editing, setEditing] = useState(false);
  const rating = review ? { ...item.rating, review } : item.rating;
  return (
    <div className="flagged-card" data-flagged-id={item.rating.id}>
      <RatingCard item={rating} refs={refs} offline={false} />
      <div className="flag-reasons">
        <strong>{t('flags.reasonsTitle')}</strong>
        <ul>
          {item.flags.map((f) => (
            <li key={f.code} data-flag={f.code}>
              {flagText(t, f)}
            </li>
          ))}
        </ul>
        {item.invitedToTapMs !== null && <p className="hint">{t('flags.invitedToTap', { seconds: seconds(item.invitedToTapMs) })}</p>}
      </div>
      {review && (
        <p className="hint" data-testid="review-by">
          {t(`flags.marked${review.verdict}`, { name: review.byName ?? review.by, time: formatCstMinute(review.at) })}
        </p>
      )}
      {canReview && (!review || editing) ? (
        <ReviewForm
          ratingId={item.rating.id}
          current={review}
          onSaved={(saved) => {
            setReview(saved);
            setEditing(false);
          }}
        />
      ) : (
        canReview && (
          <button type="button" className="secondary" onClick={() => setEditing(true)}>
            {t('flags.change')}
          </button>
        )
      )}
    </div>
  );
}
