import { normalizePhone } from '../domain/contact';
import { uuidv7 } from '../domain/ids';
import { LEVELS, type LevelKey } from '../domain/levels';
import type { PhonePage, PhoneRatingRequest } from '../domain/rating-link';
import { h } from './dom';
import { formatDate, local, locale, t } from './texts';

/** The reason that needs its own text (src/domain/reasons.ts OTHER_REASON; not imported: that file carries every default label). */
const OTHER = 'OTHER';

/** The facts of what is rated: unit, window, service item and masked 办件编号 (or "your visit at this window"). */
export function factsOf(page: PhonePage): HTMLElement {
  const rows: [string, string][] = [];
  if (page.serviceItemName) rows.push([t('serviceItem'), local(page.serviceItemName)]);
  if (page.caseNoMasked) rows.push([t('caseNo'), page.caseNoMasked]);
  return h(
    'section',
    { class: 'phone-facts' },
    h('p', { class: 'phone-unit' }, local(page.unitName)),
    h('p', { class: 'phone-window' }, `${t('window', { number: page.windowNumber })} · ${local(page.windowName)}`),
    rows.length ? h('dl', {}, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])) : h('p', { class: 'phone-visit' }, t('windowVisit')),
  );
}

/**
 * The rating form: five large levels, the reasons once a bad level is chosen (with OTHER's text), an optional
 * comment and contact. `onSubmit` gets a complete request (its id made now) or the form shows what is missing.
 */
/** What the citizen has entered so far: kept outside the form, so a language switch (which redraws it) loses nothing. */
export interface Draft {
  level: LevelKey | null;
  reasons: Set<string>;
  other: string;
  comment: string;
  /** Publish the comment anonymised (issue 16): asked once a comment is typed, unticked by default. */
  publish: boolean;
  name: string;
  phone: string;
}

export const emptyDraft = (): Draft => ({ level: null, reasons: new Set(), other: '', comment: '', publish: false, name: '', phone: '' });

/** An input that starts from the draft and writes back to it as the person types. */
function bound<E extends HTMLInputElement | HTMLTextAreaElement>(el: E, draft: Draft, field: 'other' | 'comment' | 'name' | 'phone'): E {
  el.value = draft[field];
  el.addEventListener('input', () => (draft[field] = el.value));
  return el;
}

export function ratingForm(page: PhonePage, draft: Draft, onSubmit: (request: PhoneRatingRequest) => void): HTMLElement {
  const chosen = draft.reasons;
  const error = h('p', { class: 'phone-error', role: 'alert' });
  const otherText = bound(h('input', { type: 'text', maxlength: '200', 'aria-label': t('otherReason'), class: 'phone-input', hidden: !chosen.has(OTHER) }), draft, 'other');
  const badChosen = LEVELS.some((l) => l.key === draft.level && l.isBad);
  const reasons = h(
    'fieldset',
    { class: 'phone-reasons', hidden: !badChosen },
    h('legend', {}, t('reasonsTitle')),
    ...page.reasons.map((r) => {
      const box = h('input', { type: 'checkbox', value: r.key, checked: chosen.has(r.key) });
      box.addEventListener('change', () => {
        if (box.checked) chosen.add(r.key);
        else chosen.delete(r.key);
        otherText.hidden = !chosen.has(OTHER);
      });
      return h('label', { class: 'phone-reason' }, box, h('span', {}, local(r.label)));
    }),
    otherText,
  );
  const levelButtons = LEVELS.map((info) => {
    const button = h('button', { type: 'button', class: `phone-level phone-level-${info.stars}`, 'aria-pressed': String(draft.level === info.key) }, h('span', { class: 'phone-stars', 'aria-hidden': 'true' }, '★'.repeat(info.stars)), h('span', {}, t(`level.${info.key}`)));
    button.addEventListener('click', () => {
      draft.level = info.key;
      for (const b of levelButtons) b.setAttribute('aria-pressed', String(b === button));
      reasons.hidden = !info.isBad;
      error.textContent = '';
    });
    return button;
  });
  const comment = bound(h('textarea', { rows: '3', maxlength: '500', class: 'phone-input', 'aria-label': t('comment') }), draft, 'comment');
  const publishBox = h('input', { type: 'checkbox', checked: draft.publish });
  publishBox.addEventListener('change', () => (draft.publish = publishBox.checked));
  const publish = h('label', { class: 'phone-reason phone-publish', hidden: !draft.comment.trim() }, publishBox, h('span', {}, t('publish')));
  comment.addEventListener('input', () => (publish.hidden = !comment.value.trim()));
  const name = bound(h('input', { type: 'text', maxlength: '40', autocomplete: 'name', class: 'phone-input' }), draft, 'name');
  const phone = bound(h('input', { type: 'tel', maxlength: '20', autocomplete: 'tel', inputmode: 'tel', class: 'phone-input' }), draft, 'phone');
  const submit = h('button', { type: 'submit', class: 'phone-submit' }, t('submit'));

  const form = h(
    'form',
    { class: 'phone-form', novalidate: true },
    h('div', { class: 'phone-levels', role: 'group', 'aria-label': t('prompt') }, ...levelButtons),
    reasons,
    h('label', { class: 'phone-field' }, h('span', {}, t('comment')), comment),
    publish,
    h('fieldset', { class: 'phone-contact' }, h('legend', {}, t('contactTitle')), h('label', { class: 'phone-field' }, h('span', {}, t('name')), name), h('label', { class: 'phone-field' }, h('span', {}, t('phone')), phone)),
    error,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const problem = (text: string) => {
      error.textContent = text;
    };
    const level = draft.level;
    if (!level) return problem(t('prompt'));
    const bad = LEVELS.find((l) => l.key === level)!.isBad;
    const picked = bad ? [...chosen] : [];
    if (bad && picked.length === 0) return problem(t('needReason'));
    const other = otherText.value.trim();
    if (picked.includes(OTHER) && !other) return problem(t('needOther'));
    const typedPhone = phone.value.trim();
    const normalPhone = typedPhone ? normalizePhone(typedPhone) : null;
    if (typedPhone && !normalPhone) return problem(t('badPhone'));
    const contact = { ...(name.value.trim() ? { name: name.value.trim() } : {}), ...(normalPhone ? { phone: normalPhone } : {}) };
    const now = Date.now();
    submit.disabled = true;
    onSubmit({
      id: uuidv7(now),
      level,
      reasons: picked,
      ...(picked.includes(OTHER) ? { otherReason: other } : {}),
      ...(comment.value.trim() ? { comment: comment.value.trim() } : {}),
      ...(comment.value.trim() && publishBox.checked ? { publishComment: true } : {}),
      ...(Object.keys(contact).length ? { contact } : {}),
      locale: locale(),
      madeAt: now,
      sentAt: now,
    });
  });
  return form;
}

/** The line above the levels: the prompt, or the 追评 notice with its last day. */
export function promptOf(page: PhonePage): HTMLElement {
  if (page.state === 'FOLLOW_UP' && page.followUpUntil !== null) {
    return h('p', { class: 'phone-prompt' }, h('span', { class: 'phone-badge' }, t('followUpBadge')), ' ', t('promptFollowUp', { date: formatDate(page.followUpUntil) }));
  }
  return h('p', { class: 'phone-prompt' }, t('prompt'));
}
