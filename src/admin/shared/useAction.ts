import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminErrorText } from './admin-errors';

/** A one-click change outside a form (retire, restore, load more): busy while it runs, its refusal kept to show. */
export function useAction() {
  const { t } = useTranslation('admin');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = useCallback(
    async (action: () => Promise<void>) => {
      setBusy(true);
      setFailure(null);
      try {
        await action();
      } catch (err) {
        setFailure(adminErrorText(t, err));
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  return { busy, failure, run };
}
