import type { ReactNode } from 'react';
import { FieldError } from '../kiosk/FieldError';

/** A labelled control with its error beneath; the control gets id, aria-invalid and aria-describedby. */
export function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: (aria: Record<string, unknown>) => ReactNode }) {
  const aria = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined };
  return (
    <div className="text-field">
      <label htmlFor={id}>{label}</label>
      {children(aria)}
      {hint && !error && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
