import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, apiRequest } from '../account/api-client';
import { errorText } from '../account/error-text';
import { API, buildPath } from '../domain/endpoints';
import { pickLabel } from '../domain/locales';
import type { Invitation } from '../domain/rating-invitation';
import { formatCstMinute } from '../domain/time';
import { currentLocale } from '../i18n';

type Outcome = { kind: 'sent'; invitation: Invitation } | { kind: 'offline' } | { kind: 'refused'; error: unknown };

/**
 * "Invite at the kiosk" (一次一评): the window's kiosk shows this 办件's service item and masked 办件编号, and its
 * next rating is linked to it. Without a network the tablet cannot reach the kiosk through the server: the kiosk's
 * own staff panel (PIN) invites offline, and the message says so.
 */
export function InviteButton({ serviceCaseId }: { serviceCaseId: string }) {
  const { t } = useTranslation('serviceCases');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const invite = async () => {
    setBusy(true);
    try {
      const { invitation } = await apiRequest<{ invitation: Invitation }>('POST', buildPath(API.inviteServiceCase.path, { id: serviceCaseId }));
      setOutcome({ kind: 'sent', invitation });
    } catch (err) {
      setOutcome(err instanceof ApiRequestError && err.isNetwork ? { kind: 'offline' } : { kind: 'refused', error: err });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="invite">
      <button type="button" className="primary" onClick={() => void invite()} disabled={busy}>
        {t('invite.button')}
      </button>
      <div role="status" data-testid="invite-outcome" data-outcome={outcome?.kind}>
        {outcome?.kind === 'sent' && (
          <p className="form-saved">
            {t('invite.sent', {
              item: pickLabel(outcome.invitation.serviceItemName, currentLocale()),
              caseNo: outcome.invitation.caseNoMasked,
              until: formatCstMinute(outcome.invitation.expiresAt).slice(11),
            })}
          </p>
        )}
        {outcome?.kind === 'offline' && <p className="offline-note">{t('invite.offline')}</p>}
        {outcome?.kind === 'refused' && <p className="form-failure">{errorText(t, outcome.error)}</p>}
      </div>
    </div>
  );
}
