import type { TFunction } from 'i18next';
import type { ImportProblemView } from '../../domain/service-case-import';

/**
 * A problem of the file or of a line in the reader's language, from its code and params (the file reader's codes
 * and the catalogue's refusals alike, admin `serviceCaseImport.problems`); the server's English text when this
 * version of the app does not know the code.
 */
export function problemText(t: TFunction, p: ImportProblemView): string {
  const lines = p.params.lines?.join(t('admin:serviceCaseImport.lineSeparator'));
  return t(`admin:serviceCaseImport.problems.${p.code}`, { ...p.params, lines, message: p.message, defaultValue: p.message });
}
