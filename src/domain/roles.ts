/**
 * Who does what, from the notice: window staff (窗口工作人员), the window lead (委驻中心窗口), the office (委办公室),
 * supervision (机关党委/纪委), personnel (人事处), and the administrator who keeps the catalogue and accounts.
 */
export const ROLES = ['STAFF', 'LEAD', 'OFFICE', 'SUPERVISION', 'PERSONNEL', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'ratings.read', // scoped by ratingScope(): own, window or all
  'contact.reveal', // scoped by mayRevealContact()
  'audit.read',
  'catalog.manage', // units, windows, staff accounts, service items, reasons
  'devices.manage', // enrolment codes, the device list, revocation
  'paper.enter', // type in Attachment 1, the written evaluation form, at the window
  'cases.read', // bad-review cases in the rating scope
  'cases.act', // act on them: staff and leads handle, supervision reopens
  'abandoned.read', // counts of bad taps abandoned at the kiosk's reason screen, scoped by abandonedTapScope()
  'flags.read', // anti-coercion flags (rating-flags.ts) in the rating scope: leads for their window, supervision all
  'ratings.review', // mark a flagged rating valid or invalid (rating-review.ts): supervision only
  'reports.read', // the figures (issue 15: Attachment 2, bulletins, the annual report), scoped by reportScope()
  'reports.submit', // submit a month's Attachment 2 (month close) and its corrected versions: the office
  'rankings.read', // rankings and flags of staff, windows and units (award eligibility, over 5%): personnel, supervision
  'comments.publish', // approve or decline a consenting evaluator's scrubbed comment for /public (issue 16)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The one table the server enforces and the tests enumerate. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  STAFF: ['ratings.read', 'contact.reveal', 'paper.enter', 'cases.read', 'cases.act'],
  LEAD: ['ratings.read', 'contact.reveal', 'paper.enter', 'cases.read', 'cases.act', 'abandoned.read', 'flags.read', 'reports.read', 'comments.publish'],
  OFFICE: ['ratings.read', 'reports.read', 'reports.submit', 'comments.publish'],
  SUPERVISION: [
    'ratings.read', 'contact.reveal', 'audit.read', 'cases.read', 'cases.act', 'abandoned.read', 'flags.read', 'ratings.review', 'reports.read', 'rankings.read',
  ],
  PERSONNEL: ['ratings.read', 'reports.read', 'rankings.read'],
  ADMIN: ['audit.read', 'catalog.manage', 'devices.manage'],
};

export interface Actor {
  id: string;
  roles: readonly Role[];
  unitId: string;
  windowId: string | null;
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}

export type RatingScope = { kind: 'all' } | { kind: 'window'; windowId: string } | { kind: 'staff'; staffId: string };

/** The widest set of ratings the actor's roles may read, or null for none. */
export function ratingScope(actor: Actor): RatingScope | null {
  if (actor.roles.some((r) => r === 'OFFICE' || r === 'SUPERVISION' || r === 'PERSONNEL')) return { kind: 'all' };
  if (actor.roles.includes('LEAD') && actor.windowId) return { kind: 'window', windowId: actor.windowId };
  if (actor.roles.includes('STAFF')) return { kind: 'staff', staffId: actor.id };
  return null;
}

/**
 * The figures an actor may read (issue 15): the office, supervision and personnel every unit; a lead their own
 * window only (the window's rows of its unit, never the unit's or another window's); nobody else any.
 */
export type ReportScope = { kind: 'all' } | { kind: 'window'; unitId: string; windowId: string };

export function reportScope(actor: Actor): ReportScope | null {
  if (actor.roles.some((r) => r === 'OFFICE' || r === 'SUPERVISION' || r === 'PERSONNEL')) return { kind: 'all' };
  if (actor.roles.includes('LEAD') && actor.windowId) return { kind: 'window', unitId: actor.unitId, windowId: actor.windowId };
  return null;
}

export function inScope(scope: RatingScope, rating: { staffId?: string | null; windowId: string }): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'window') return rating.windowId === scope.windowId;
  return rating.staffId === scope.staffId;
}

/**
 * Contact details go only to those who handle the rating: the staff member rated (who calls back), the lead of
 * that window, and supervision. The office and personnel see figures, never identities.
 */
export function mayRevealContact(actor: Actor, rating: { staffId?: string | null; windowId: string }): boolean {
  if (actor.roles.includes('SUPERVISION')) return true;
  if (actor.roles.includes('LEAD') && actor.windowId === rating.windowId) return true;
  return actor.roles.includes('STAFF') && rating.staffId === actor.id;
}

/**
 * Who takes which step on a case in their scope: staff and leads handle it; supervision reopens a closed one;
 * leads and supervision approve (which case exactly: `mayApproveCase`, `mayTakeApproval`).
 */
export function mayTakeCaseAction(
  actor: Pick<Actor, 'roles'>,
  type: 'CALL_BACK' | 'DECIDE' | 'RECTIFY' | 'REPLY' | 'CLOSE' | 'REOPEN' | 'APPROVE' | 'REFUSE_APPROVAL',
): boolean {
  if (type === 'REOPEN') return actor.roles.includes('SUPERVISION');
  if (type === 'APPROVE' || type === 'REFUSE_APPROVAL') return actor.roles.includes('LEAD') || actor.roles.includes('SUPERVISION');
  return actor.roles.includes('STAFF') || actor.roles.includes('LEAD');
}

/**
 * Who may approve a decision on a case (不予采纳, or a special deadline): the lead of the case's window, or
 * supervision; never the person rated. The one rule behind the approver list, the form and the server's check.
 */
export function mayApproveCase(person: Pick<Actor, 'id' | 'roles' | 'windowId'>, c: { staffId: string | null; windowId: string }): boolean {
  if (person.id === c.staffId) return false;
  return person.roles.includes('SUPERVISION') || (person.roles.includes('LEAD') && person.windowId === c.windowId);
}

/** Who takes the approval step on a pending decision: for 不予采纳 only the approver it names; for a special deadline any approver. */
export function mayTakeApproval(
  person: Pick<Actor, 'id' | 'roles' | 'windowId'>,
  c: { staffId: string | null; windowId: string },
  decision: { path: string; approverId?: string },
): boolean {
  return mayApproveCase(person, c) && (decision.path !== 'NOT_ADOPTED' || decision.approverId === person.id);
}

/**
 * Roles that open other people's contact data (LEAD, SUPERVISION) or the accounts themselves (ADMIN). Nobody
 * changes their own roles; granting one of these is logged with the old and new roles and, where another
 * administrator could check it (one who is neither the one granting nor the one receiving), waits for that
 * administrator's approval. ADMIN is guarded too: otherwise one administrator could create a second
 * administrator account of their own and approve their own grants with it.
 */
export const GUARDED_ROLES: readonly Role[] = ['LEAD', 'SUPERVISION', 'ADMIN'];

/** The guarded roles `after` adds to `before`, in table order. */
export function guardedRolesAdded(before: readonly Role[], after: readonly Role[]): Role[] {
  return ROLES.filter((r) => GUARDED_ROLES.includes(r) && after.includes(r) && !before.includes(r));
}
