import type { Me } from '../../domain/account-api';

/** Placeholder until its branch lands (issue 15). */
export default function AnnualReportScreen(_: { me: Me }) {
  return null;
}
