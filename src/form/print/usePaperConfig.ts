import { useCallback, useEffect, useState } from 'react';
import { apiRequest } from '../../account/api-client';
import { PAPER_PATHS, type PaperFormConfig } from '../../domain/paper-api';

export type ConfigState = { status: 'loading' } | { status: 'ready'; config: PaperFormConfig } | { status: 'failed'; error: unknown };

/** The unit's windows and reasons, fetched afresh (a printed blank should show today's catalogue). */
export function usePaperConfig(): { state: ConfigState; retry: () => void } {
  const [state, setState] = useState<ConfigState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    apiRequest<PaperFormConfig>('GET', PAPER_PATHS.config).then(
      (config) => live && setState({ status: 'ready', config }),
      (error: unknown) => live && setState({ status: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
