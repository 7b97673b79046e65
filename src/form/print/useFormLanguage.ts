import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { ensureFormLanguage, formT } from './form-language';
import type { SecondLanguage } from './print-options';

export interface FormTexts {
  zh: TFunction;
  l2: TFunction | null;
  second: SecondLanguage | null;
}

/** The sheet's translators, once the second language's messages are loaded (null until then). */
export function useFormLanguage(second: SecondLanguage | null): { texts: FormTexts | null; failed: boolean } {
  const [loaded, setLoaded] = useState<SecondLanguage | null | undefined>(second === null ? null : undefined);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
    if (second === null) {
      setLoaded(null);
      return;
    }
    ensureFormLanguage(second).then(
      () => live && setLoaded(second),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [second]);
  if (loaded !== second) return { texts: null, failed };
  return { texts: { zh: formT('zh-CN'), l2: second ? formT(second) : null, second }, failed };
}
