import type { Me } from '../../domain/account-api';

/** Placeholder until its branch lands (issue 15). */
export default function BulletinScreen(_: { me: Me }) {
  return null;
}
