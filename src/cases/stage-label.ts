import { missingRequirements, type CaseFacts, type CaseState } from '../domain/case-machine';

/**
 * The i18n key (cases:stages.*) of where a case stands. The stage alone says what was done; what comes next is read
 * from what the case still misses, so an anonymous case (nobody to call back or reply to) is never shown as waiting
 * for a reply: rectified, it reads "已整改，待办结".
 */
export function stageLabelKey(facts: CaseFacts, state: CaseState): string {
  const { stage } = state;
  if (stage === 'RECEIVED') return facts.anonymous ? 'RECEIVED_ANONYMOUS' : stage;
  if (stage !== 'DECIDED' && stage !== 'RECTIFIED') return stage;
  const missing = missingRequirements(facts, state);
  if (missing.length === 0) return `${stage}_TO_CLOSE`;
  if (stage === 'DECIDED' && !missing.includes('RECTIFICATION')) return 'DECIDED_TO_REPLY'; // not adopted, real name
  if (stage === 'DECIDED' && !missing.includes('REPLY')) return 'DECIDED_TO_FIX'; // anonymous, to be fixed
  return stage;
}
