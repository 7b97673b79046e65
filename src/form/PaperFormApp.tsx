import { useTranslation } from 'react-i18next';
import { SignedInShell } from '../account/SignedInShell';
import { hasPermission } from '../domain/roles';
import { FORM_PRINT_PATH } from '../routes';
import { PaperChecks } from './PaperChecks';
import { PaperFormScreen } from './PaperFormScreen';
import './form.css';

function NotAllowed() {
  const { t } = useTranslation('form');
  return <p className="page-loading">{t('notAllowed')}</p>;
}

/** /form: window staff and leads type in Attachment 1, the written evaluation form. */
export default function PaperFormApp() {
  const { t } = useTranslation('form');
  return (
    <SignedInShell namespaces={['staff', 'form']} titleKey="form:title" className="form-app">
      {({ me }) =>
        hasPermission(me, 'paper.enter') ? (
          <div className="form-main">
            <a className="print-link" href={`${FORM_PRINT_PATH}${me.windowId ? `?window=${me.windowId}` : ''}`}>
              {t('printBlank')}
            </a>
            <PaperFormScreen me={me} />
            {me.windowId && <PaperChecks me={me} />}
          </div>
        ) : (
          <NotAllowed />
        )
      }
    </SignedInShell>
  );
}
