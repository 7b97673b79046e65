/**
 * The kiosk's one live region. It is rendered empty with the kiosk and only its text changes: screen readers
 * often miss a region that arrives with its text already in it. Visually hidden: the screens show the same.
 */
export function KioskAnnouncer({ message }: { message: string }) {
  return (
    <p className="visually-hidden" role="status" data-testid="kiosk-announcer">
      {message}
    </p>
  );
}
