// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { PhonePage, PhoneRatingRequest } from '../../src/domain/rating-link';
import { PhoneRatingRequestSchema } from '../../src/domain/rating-link';
import { emptyDraft, ratingForm } from '../../src/phone/form';
import { setLocale } from '../../src/phone/texts';

// The phone page asks the same as the kiosk (issue 16): whether the comment may be published anonymised, only once a
// comment is typed, unticked; the request carries publishComment only when ticked with a comment.

const page = {
  reasons: [{ key: 'ATTITUDE', label: { 'zh-CN': '服务态度不热情、不主动', en: 'Attitude', bo: 'ཞབས་ཞུ།' } }],
} as unknown as PhonePage;

function fill() {
  setLocale('zh-CN');
  const sent: PhoneRatingRequest[] = [];
  const form = ratingForm(page, emptyDraft(), (r) => sent.push(r));
  document.body.replaceChildren(form);
  const levelButton = [...form.querySelectorAll('button')].find((b) => b.textContent?.includes('不满意') && !b.textContent.includes('非常'))!;
  levelButton.click();
  form.querySelector<HTMLInputElement>('.phone-reasons input[value="ATTITUDE"]')!.click();
  const comment = form.querySelector('textarea')!;
  const question = form.querySelector<HTMLLabelElement>('.phone-publish')!;
  const box = question.querySelector('input')!;
  const type = (text: string) => {
    comment.value = text;
    comment.dispatchEvent(new Event('input'));
  };
  const submit = () => form.dispatchEvent(new Event('submit', { cancelable: true }));
  return { sent, question, box, type, submit };
}

describe('the phone page asks about publishing', () => {
  it('only once a comment is typed, unticked: private unless ticked', () => {
    const { sent, question, box, type, submit } = fill();
    expect(question.hidden).toBe(true);
    expect(question.textContent).toBe('同意将补充说明匿名公开');
    type('等了很久');
    expect(question.hidden).toBe(false);
    expect(box.checked).toBe(false);
    submit();
    expect(sent).toHaveLength(1);
    expect(sent[0].comment).toBe('等了很久');
    expect('publishComment' in sent[0]).toBe(false);
    expect(PhoneRatingRequestSchema.safeParse(sent[0]).success).toBe(true);
  });

  it('sends the consent when ticked with a comment, never without one', () => {
    const first = fill();
    first.type('等了很久');
    first.box.click();
    first.submit();
    expect(first.sent[0].publishComment).toBe(true);
    expect(PhoneRatingRequestSchema.safeParse(first.sent[0]).success).toBe(true);

    const second = fill();
    second.type('写了又删');
    second.box.click();
    second.type('');
    expect(second.question.hidden).toBe(true);
    second.submit();
    expect(second.sent[0].comment).toBeUndefined();
    expect('publishComment' in second.sent[0]).toBe(false);
  });
});
