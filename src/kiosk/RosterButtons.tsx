import type { StaffCard } from '../domain/sync-api';
import { StaffPhoto } from './StaffPhoto';

/** The window's roster as large cards to pick a person by: the sign-on pad and the /device lock both start here. */
export function RosterButtons({ roster, onPick, labelFor }: { roster: readonly StaffCard[]; onPick: (s: StaffCard) => void; labelFor: (s: StaffCard) => string }) {
  return (
    <ul className="sign-on-roster">
      {roster.map((s) => (
        <li key={s.id}>
          <button type="button" onClick={() => onPick(s)} aria-label={labelFor(s)}>
            <StaffPhoto staff={s} className="roster-photo" />
            <span>{s.name}</span>
            <span className="hint">{s.employeeNo}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
