import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { KioskDatabase } from '../data/db';
import { dropInvitation, holdHere } from '../data/invitation-store';
import { readKioskServiceCases, refreshKioskServiceCases } from '../data/kiosk-invitation';
import { localInvitation, type HeldInvitation } from '../domain/invitation-hold';
import { pickLabel } from '../domain/locales';
import type { KioskServiceCase } from '../domain/rating-invitation';
import type { KioskConfig, StaffCard } from '../domain/sync-api';
import { formatCstMinute } from '../domain/time';
import { currentLocale } from '../i18n';
import { checkStaffPin } from './pin-attempts';
import { PinPad } from './PinPad';
import { useModal } from './useModal';
import './sign-on.css';

interface Props {
  db: KioskDatabase;
  config: KioskConfig;
  /** The staff member on duty: only they open the panel, with their PIN. */
  staff: StaffCard;
  held: HeldInvitation | null;
  onClose: () => void;
}

/**
 * The kiosk's staff panel for 一次一评 (offline too): the person on duty types their PIN (checked against the roster
 * the kiosk holds, counted like sign-on), then picks one of the window's 办件 of today from the kiosk's copy of the
 * list; the kiosk then shows it as it shows a server invitation.
 */
export default function InvitePanel({ db, config, staff, held, onClose }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [unlocked, setUnlocked] = useState(false);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(staff.pinHash ? null : t('duty.noPin'));
  const [busy, setBusy] = useState(false);
  const list = useLiveQuery(async () => (await readKioskServiceCases(db)) ?? null, [db]);
  const dialogRef = useRef<HTMLElement>(null);
  const trapTab = useModal(dialogRef, onClose, unlocked);

  useEffect(() => {
    // Online, the list is read again when the panel opens; offline (or refused) the kiosk's copy stays.
    if (unlocked) void refreshKioskServiceCases(db).catch(() => false);
  }, [db, unlocked]);

  const submitPin = async () => {
    setBusy(true);
    try {
      const check = await checkStaffPin(db, staff, pin);
      setPin('');
      if (check.kind === 'ok') {
        setMessage(null);
        setUnlocked(true);
      } else if (check.kind === 'locked') setMessage(t('duty.locked', { minutes: check.minutes }));
      else if (check.kind === 'wrong') setMessage(t('duty.wrongPin', { left: check.left }));
    } finally {
      setBusy(false);
    }
  };

  const invite = async (c: KioskServiceCase) => {
    await holdHere(db, localInvitation({ unitId: config.unit.id, windowId: config.window.id }, staff.id, c));
    onClose();
  };
  const cancel = async () => {
    if (held) await dropInvitation(db, { id: held.invitation.id });
  };

  const cases = list?.response.serviceCases ?? [];
  return createPortal(
    <div className="sign-on-backdrop">
      <section className="sign-on invite-panel" role="dialog" aria-modal="true" aria-labelledby="invite-title" ref={dialogRef} tabIndex={-1} onKeyDown={trapTab}>
        <header>
          <h2 id="invite-title">{unlocked ? t('invite.title') : t('invite.pinFor', { name: staff.name })}</h2>
          <button type="button" onClick={onClose}>
            {t('duty.close')}
          </button>
        </header>
        {!unlocked ? (
          <>
            <PinPad value={pin} onChange={setPin} onSubmit={() => void submitPin()} disabled={busy || !staff.pinHash} />
            {message && (
              <p className="field-error" role="alert">
                {message}
              </p>
            )}
          </>
        ) : (
          <>
            {held && (
              <p className="sign-on-current">
                {t('invite.current', { item: pickLabel(held.invitation.serviceItemName, locale), no: held.invitation.caseNoMasked })}{' '}
                <button type="button" onClick={() => void cancel()}>
                  {t('invite.cancel')}
                </button>
              </p>
            )}
            {list === undefined ? null : list === null ? (
              <p>{t('invite.noList')}</p>
            ) : (
              <>
                <p className="hint">{t('invite.listOf', { day: list.response.day, time: formatCstMinute(list.fetchedAt) })}</p>
                {cases.length === 0 ? (
                  <p>{t('invite.empty')}</p>
                ) : (
                  <ul className="invite-cases">
                    {cases.map((c) => (
                      <li key={c.id}>
                        <button type="button" onClick={() => void invite(c)} aria-label={t('invite.pickCase', { item: pickLabel(c.serviceItemName, locale), no: c.caseNoMasked })}>
                          <span className="invite-case-item">{pickLabel(c.serviceItemName, locale)}</span>
                          <span className="invite-case-no">{c.caseNoMasked}</span>
                          {c.rated && <span className="hint">{t('invite.rated')}</span>}
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </>
        )}
      </section>
    </div>,
    document.body,
  );
}
