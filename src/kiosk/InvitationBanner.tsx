import { useTranslation } from 'react-i18next';
import type { HeldInvitation } from '../domain/invitation-hold';
import { pickLabel } from '../domain/locales';
import { currentLocale } from '../i18n';

/**
 * The invitation as the citizen sees it: which service they are asked to rate, and the 办件编号 masked (the whole
 * number goes into the rating, never on the screen). Announced through the kiosk's one live region (ReadyKiosk).
 */
export function InvitationBanner({ held }: { held: HeldInvitation }) {
  const { t } = useTranslation();
  const { invitation } = held;
  return (
    <section className="invitation-banner" data-testid="invitation" data-invitation-id={invitation.id}>
      <p className="invitation-prompt">{t('invite.prompt')}</p>
      <p className="invitation-item">{pickLabel(invitation.serviceItemName, currentLocale())}</p>
      <p className="invitation-case">{t('invite.caseNo', { no: invitation.caseNoMasked })}</p>
    </section>
  );
}
