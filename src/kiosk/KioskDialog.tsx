import { useEffect, useId, useRef, type ReactNode } from 'react';
import './kiosk-dialog.css';

interface Props {
  title: string;
  children?: ReactNode;
  /** Buttons, the safe choice first: it takes the focus. */
  actions: ReactNode;
}

/** A question the kiosk must have answered before going on: an alert dialog over the screen, focus on its first button. */
export function KioskDialog({ title, children, actions }: Props) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
  }, []);
  return (
    <div className="kiosk-dialog-backdrop">
      <div ref={ref} className="kiosk-dialog" role="alertdialog" aria-modal="true" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`}>
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-body`}>{children}</div>
        <div className="kiosk-dialog-actions">{actions}</div>
      </div>
    </div>
  );
}
