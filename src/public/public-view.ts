import { isMonth } from '../domain/figures/month';
import type { PublicRate } from '../domain/public-api';

/**
 * The public page's plain rules (issue 16), apart from React so they are tested alone: how a rate reads, what the
 * address asks for, and the display mode's cycle.
 */

/** "37.5% (3/8)"; a rate of nothing (0/0) is "—", never 0% or 100%. */
export function rateText(rate: PublicRate): string {
  if (rate.percent === null) return '—';
  return `${formatPercent(rate.percent)}% (${rate.numerator}/${rate.denominator})`;
}

/** Two decimals at most, no trailing zeros: 37.5, 33.33, 100. */
export function formatPercent(percent: number): string {
  return String(Math.round(percent * 100) / 100);
}

export const DISPLAY_SECTIONS = ['figures', 'outcomes', 'trend', 'reviews'] as const;
export type DisplaySection = (typeof DISPLAY_SECTIONS)[number];

export const DEFAULT_DISPLAY_SECONDS = 15;

export interface PublicAddress {
  unitId: string | null;
  month: string | null;
  display: boolean;
  /** Seconds each slide of the display mode stays (1–600). */
  seconds: number;
  lang: string | null;
}

/** ?unit=&month=&display=1&seconds=N&lang=; anything unreadable falls back to its default. */
export function readAddress(search: string): PublicAddress {
  const q = new URLSearchParams(search);
  const seconds = Number(q.get('seconds'));
  const month = q.get('month');
  return {
    unitId: q.get('unit') || null,
    month: month && isMonth(month) ? month : null,
    display: q.get('display') === '1',
    seconds: Number.isFinite(seconds) && seconds >= 1 ? Math.min(600, Math.floor(seconds)) : DEFAULT_DISPLAY_SECONDS,
    lang: q.get('lang'),
  };
}

/** The address of a choice, keeping the other parameters. */
export function addressWith(search: string, patch: Record<string, string | null>): string {
  const q = new URLSearchParams(search);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) q.delete(k);
    else q.set(k, v);
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

export interface Slide {
  unitId: string;
  section: DisplaySection;
}

/** The display mode's slides: every section of the first unit, then of the next, and round again. */
export function displaySlides(unitIds: readonly string[]): Slide[] {
  return unitIds.flatMap((unitId) => DISPLAY_SECTIONS.map((section) => ({ unitId, section })));
}

/** The slide after `current` (by unit and section, so a unit list that changed meanwhile still moves on). */
export function nextSlide(slides: readonly Slide[], current: Slide | null): Slide | null {
  if (slides.length === 0) return null;
  if (!current) return slides[0]!;
  const i = slides.findIndex((s) => s.unitId === current.unitId && s.section === current.section);
  return slides[(i + 1) % slides.length]!;
}

/** A bar's share of the largest value, in percent (0 when everything is 0). */
export function barShare(value: number, max: number): number {
  return max > 0 ? Math.round((value / max) * 1000) / 10 : 0;
}
