/**
 * Upwork sends amounts as `Money { rawValue: "1234.50", currency: "USD" }` with the number as a
 * decimal STRING. This is the one place that turns it into a number.
 * Returns null for a missing or unreadable amount rather than guessing.
 */
export function moneyToNumber(rawValue: string | number | null | undefined): number | null {
  if (rawValue === null || rawValue === undefined) return null;
  if (typeof rawValue === 'number') return Number.isFinite(rawValue) ? rawValue : null;
  const trimmed = rawValue.trim().replace(/,/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}
