import type { Me } from '../../domain/account-api';

/** Placeholder until its branch lands (issue 15). */
export default function RankingsScreen(_: { me: Me }) {
  return null;
}
