import { fireEvent, screen, waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import type { Locale } from '../../src/domain/locales';
import { LANGUAGE_NAMES } from '../../src/i18n';

/**
 * Chooses a language on a rendered kiosk the way a citizen does: once the five level buttons are on screen (the
 * kiosk has settled on its configuration), tap the language's name, then wait until the page is in it.
 */
export async function chooseKioskLanguage(locale: Locale) {
  await waitFor(() => expect(document.querySelectorAll('.level-button')).toHaveLength(5));
  fireEvent.click(screen.getByRole('button', { name: LANGUAGE_NAMES[locale] }));
  await waitFor(() => expect(document.documentElement.lang).toBe(locale));
}
