import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { PendingRoleGrant } from '../../domain/admin-api';
import type { Role } from '../../domain/roles';
import { formatCstIso } from '../../domain/time';
import { FormFailure } from '../shared/AdminForm';
import { decideRoleGrant, listRoleGrants } from './staff-requests';
import { useAction } from '../shared/useAction';

export const roleNames = (t: TFunction, roles: readonly Role[]) => roles.map((r) => t(`staff:roles.${r}`)).join('、');

/**
 * Grants of LEAD, SUPERVISION or ADMIN that wait for a second administrator. Each can be approved by an
 * administrator who neither asked for it nor receives it (the server checks the same), or refused by any.
 * Shown only while there is one.
 */
export function RoleGrants({ selfId, staffVersion, onDecided }: { selfId: string; staffVersion: unknown; onDecided: () => Promise<void> }) {
  const { t } = useTranslation('admin');
  const [grants, setGrants] = useState<PendingRoleGrant[]>([]);
  const { busy, failure, run } = useAction();
  const load = useCallback(() => run(async () => setGrants((await listRoleGrants()).grants)), [run]);
  // Reloaded whenever the staff list changes: a save in the editor may have left a grant waiting.
  useEffect(() => {
    void load();
  }, [load, staffVersion]);
  const decide = (grant: PendingRoleGrant, decision: 'approve' | 'refuse') =>
    run(async () => {
      try {
        await decideRoleGrant(grant.id, decision);
      } finally {
        setGrants((await listRoleGrants()).grants);
      }
      await onDecided();
    });

  if (grants.length === 0 && !failure) return null;
  return (
    <section className="role-grants" aria-labelledby="role-grants-heading" data-testid="role-grants">
      <h3 id="role-grants-heading">{t('staff.grants.heading')}</h3>
      <p className="hint">{t('staff.grants.explain')}</p>
      <ul>
        {grants.map((g) => {
          const mine = g.requestedBy === selfId;
          const forMe = g.staffId === selfId;
          return (
            <li key={g.id} data-grant-id={g.id}>
              <span>
                {t('staff.grants.item', {
                  name: g.staffName,
                  no: g.employeeNo,
                  roles: roleNames(t, g.roles),
                  by: g.requestedByName ?? g.requestedBy,
                  at: formatCstIso(g.requestedAt).slice(0, 16).replace('T', ' '),
                })}
              </span>
              {mine || forMe ? (
                <span className="hint"> {t(mine ? 'staff.grants.yours' : 'staff.grants.forYou')}</span>
              ) : (
                <button type="button" className="primary small" disabled={busy} onClick={() => decide(g, 'approve')}>
                  {t('staff.grants.approve')}
                </button>
              )}{' '}
              <button type="button" className="secondary small" disabled={busy} onClick={() => decide(g, 'refuse')}>
                {mine ? t('staff.grants.withdraw') : t('staff.grants.refuse')}
              </button>
            </li>
          );
        })}
      </ul>
      <FormFailure message={failure} />
    </section>
  );
}
