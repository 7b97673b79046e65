import { useTranslation } from 'react-i18next';
import { LEVELS, type LevelKey } from '../domain/levels';
import { LevelFace } from './LevelFace';

interface Props {
  disabled: boolean;
  onChoose: (level: LevelKey, tapTime: number) => void;
}

/** Five large buttons, best to worst; each button's accessible name is exactly the level's label. */
export function LevelButtons({ disabled, onChoose }: Props) {
  const { t } = useTranslation();
  return (
    <div className="level-buttons">
      {LEVELS.map((level) => (
        <button
          key={level.key}
          type="button"
          className={`level-button level-${level.key.toLowerCase()}`}
          disabled={disabled}
          onClick={(e) => onChoose(level.key, e.timeStamp)}
        >
          <LevelFace stars={level.stars} />
          <span className="level-label">{t(`level.${level.key}`)}</span>
          <span className="level-stars" aria-hidden="true">
            {'★'.repeat(level.stars)}
          </span>
        </button>
      ))}
    </div>
  );
}
