import './phone.css';
import { PHONE_PAGE_PREFIX } from '../domain/phone-constants';
import type { PhonePage, PhoneRatingRequest } from '../domain/rating-link';
import { fetchPage, postRating, type RatingAnswer } from './api';
import { h, show } from './dom';
import { factsOf, promptOf, ratingForm } from './form';
import { dropPending, keepPending, readPending, type Pending } from './pending';
import { locale, PHONE_LOCALES, setLocale, t } from './texts';

// The phone rating page (`/r/<token>`, issue 14): its own entry, no staff app and no service worker. It reads the
// link's page, shows the form, and sends the rating; a rating it could not send is kept (pending.ts) and sent
// again when the network returns while the page is open, or when it is opened again.

const root = document.getElementById('phone')!;
const token = location.pathname.startsWith(PHONE_PAGE_PREFIX) ? location.pathname.slice(PHONE_PAGE_PREFIX.length).split('/')[0] : '';

let page: PhonePage | null = null;
/** The rating waiting for an answer (also in localStorage when the browser allows). */
let pending: Pending | null = readPending(token);
let sending = false;
/** Draws the current screen again (after a language switch). */
let redraw: () => void = () => {};

function languageBar(): HTMLElement {
  return h(
    'nav',
    { class: 'phone-langs', 'aria-label': t('language') },
    ...PHONE_LOCALES.map(({ locale: l, name }) => {
      const b = h('button', { type: 'button', lang: l, 'aria-pressed': String(l === locale()) }, name);
      b.addEventListener('click', () => {
        setLocale(l);
        redraw();
      });
      return b;
    }),
  );
}

/** A screen: the language bar, a heading, what is rated (when known), then the body. */
function screen(draw: () => Node[], title: string | (() => string)) {
  redraw = () => {
    document.title = `${t('title')} · 好差评`;
    const heading = typeof title === 'string' ? t(title) : title();
    show(root, languageBar(), h('h1', {}, heading), ...(page ? [factsOf(page)] : []), ...draw());
  };
  redraw();
}

const message = (key: string, vars?: Record<string, string | number>) => h('p', { class: 'phone-note' }, t(key, vars));

function retryButton(key: string, action: () => void) {
  const b = h('button', { type: 'button', class: 'phone-submit' }, t(key));
  b.addEventListener('click', action);
  return b;
}

/** Marked when the levels are on screen: bench/phone-page.ts reads it (its own copy of the name) as the time to a usable page. */
const FORM_SHOWN_MARK = 'phone:form-shown';

function showForm(current: PhonePage) {
  screen(() => [promptOf(current), ratingForm(current, submit)], 'title');
  performance.mark(FORM_SHOWN_MARK);
}

function showOffline() {
  screen(() => [h('p', { class: 'phone-offline', role: 'status' }, t('offlineKept')), retryButton('retryNow', () => void send())], 'title');
}

function submit(request: PhoneRatingRequest) {
  pending = { request, windowLink: page?.kind === 'WINDOW' };
  // Kept before it is sent: a phone that loses the network or the page mid-request still has it.
  keepPending(token, pending);
  if (!navigator.onLine) showOffline();
  else void send();
}

function settle(answer: RatingAnswer) {
  if (answer.kind === 'unreachable') return showOffline();
  dropPending(token);
  pending = null;
  if (answer.kind === 'stored') {
    screen(() => [message('thanksBody'), ...(answer.assessmentNo === 2 ? [message('thanksFollowUp')] : [])], 'thanksTitle');
  } else if (answer.kind === 'closed') {
    screen(() => [message('closedBody')], 'closedTitle');
  } else if (answer.kind === 'unknown') {
    page = null;
    screen(() => [message('unknownBody')], 'unknownTitle');
  } else if (answer.kind === 'limited') {
    screen(() => [message('rateLimited', { minutes: Math.max(1, Math.ceil(answer.retryAfterS / 60)) })], 'title');
  } else {
    screen(() => [h('p', { class: 'phone-error', role: 'alert' }, t('refused', { message: answer.message })), retryButton('retry', () => void load())], 'title');
  }
}

async function send() {
  if (sending || !pending) return;
  sending = true;
  try {
    settle(await postRating(token, pending.request, pending.windowLink));
  } finally {
    sending = false;
  }
}

async function load() {
  screen(() => [message('loading')], 'title');
  const answer = await fetchPage(token);
  if (answer.kind === 'page') page = answer.page;
  if (pending) {
    // A rating kept from an earlier visit goes first: the same id, so the server stores it once.
    showOffline();
    return send();
  }
  if (answer.kind === 'unknown') return screen(() => [message('unknownBody')], 'unknownTitle');
  if (answer.kind === 'unreachable') return screen(() => [message('errorBody'), retryButton('retry', () => void load())], 'errorTitle');
  if (answer.page.state === 'CLOSED') return screen(() => [message('closedBody')], 'closedTitle');
  showForm(answer.page);
}

setLocale(locale());
window.addEventListener('online', () => void send());
void load();
