/** Short, locale-stable number formats for dense annotations (English UI, like the rest of Loupe). */

import { lazy } from './lazy';

/**
 * One formatter for all calls (toLocaleString builds a new one each time, which costs real
 * milliseconds across fifty tiles), built on first use: the first Intl object in the content
 * script's world loads the locale data (20-45 ms on a first visit), and neither the script's start
 * nor the task that draws the first tiles should carry that. `prepareFormatters` builds them a
 * task each, while the page waits for the worker anyway.
 */
const makers: (() => unknown)[] = [];

/** An Intl formatter (or anything as costly to build), made on first use or by `prepareFormatters`. */
export function formatter<T>(make: () => T): () => T {
  const get = lazy(make);
  makers.push(get);
  return get;
}

/** `built` runs after each, in its task. */
export function prepareFormatters(built: () => void = () => undefined): void {
  for (const get of makers)
    setTimeout(() => {
      get();
      built();
    }, 0);
}

const counts = formatter(() => new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }));

const CURRENCY_SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };

// Upwork's own style: "1.2K", "12K", "350K", "1M" (two significant digits, 999.6K rounds to 1M).
const compactNumbers = formatter(() => new Intl.NumberFormat('en-US', { notation: 'compact' }));

function compact(value: number): string {
  return compactNumbers().format(value);
}

/** "$1.2K", "$350", "€15K"; unknown currencies get their code as prefix ("CAD 1.2K"). */
export function formatMoney(amount: number, currency = 'USD'): string {
  const symbol = CURRENCY_SYMBOLS[currency.toUpperCase()];
  const body = compact(amount);
  return symbol ? `${amount < 0 ? '-' : ''}${symbol}${body.replace(/^-/, '')}` : `${currency.toUpperCase()} ${body}`;
}

/** Hourly rates keep cents when they have any: "$25/hr", "$12.50/hr". */
export function formatRate(amount: number, currency = 'USD'): string {
  const symbol = CURRENCY_SYMBOLS[currency.toUpperCase()] ?? `${currency.toUpperCase()} `;
  const body = Number.isInteger(amount) ? amount.toString() : amount.toFixed(2);
  return `${symbol}${body}/hr`;
}

/** A 0–1 ratio as a whole percentage ("67%"); hire rates above 100% (rehires) stay honest. */
export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** "4.87" style rating with two decimals, trailing zeros dropped ("5", "4.9"). */
export function formatRating(rating: number): string {
  return rating.toFixed(2).replace(/\.?0+$/, '');
}

/** "1 hire", "3 hires". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${counts().format(count)} ${count === 1 ? singular : pluralForm}`;
}

/** Whole numbers with thousands separators ("1,234"); hours keep one decimal when fractional. */
export function formatCount(value: number): string {
  return counts().format(value);
}

const formatters = new Map<string, Intl.NumberFormat>();

/** "$12,345,678", "$12.50": an amount as it is, in dollars and cents when it has cents (a tile's spend, a rule's reason). */
export function formatExactMoney(amount: number, currency = 'USD'): string {
  const code = /^[A-Z]{3}$/.test(currency) ? currency : 'USD';
  const digits = Number.isInteger(amount) ? 0 : 2;
  const key = `${code}:${digits}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: code,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, format);
  }
  return format.format(amount);
}

/** What went wrong, in words: an Error's message, anything else thrown as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
