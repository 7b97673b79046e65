import { useTranslation } from 'react-i18next';
import { KioskDialog } from './KioskDialog';

interface Props {
  onKeep: () => void;
  onDiscard: () => void;
}

/** 返回 on a reason screen with something chosen or typed: asked before it is thrown away, keeping it first. */
export function DiscardDialog({ onKeep, onDiscard }: Props) {
  const { t } = useTranslation();
  return (
    <KioskDialog
      title={t('discard.title')}
      actions={
        <>
          <button type="button" className="primary" onClick={onKeep}>
            {t('discard.keep')}
          </button>
          <button type="button" className="secondary" onClick={onDiscard}>
            {t('discard.discard')}
          </button>
        </>
      }
    >
      <p>{t('discard.text')}</p>
    </KioskDialog>
  );
}
