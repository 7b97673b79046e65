import { scrubForPublication } from '../../src/domain/public-scrub';
import type { Catalog } from '../store/store';
import type { CommentForPublication } from '../store/comment-publication-rows';

/**
 * The comment as /public would show it (issue 16), made on the server each time it is shown and again when it is
 * approved: the names it is told are the evaluator's own (name and company, decrypted here, never sent) and every
 * staff member's of the rating's unit; the rating's 办件编号 goes too. What remains passes scrubForPublication.
 */
export function publicationText(c: CommentForPublication, catalog: Catalog): string {
  const names = [c.contact?.name, c.contact?.company, ...catalog.staff.filter((s) => s.unitId === c.rating.unitId).map((s) => s.name)];
  return scrubForPublication(c.comment, {
    names: names.flatMap((n) => (n ? withoutNote(n) : [])),
    caseNumbers: c.rating.caseNumber ? [c.rating.caseNumber] : [],
  });
}

/** A name as kept ("李明（借调）") and as people write it (李明): the note in brackets is not part of how it is written. */
function withoutNote(name: string): string[] {
  const bare = name.replace(/[（(][^）)]*[）)]/g, '').trim();
  return bare && bare !== name ? [name, bare] : [name];
}
