/** Numbers in the words of rule reasons and score explanations. */

export function formatRating(rating: number): string {
  return rating.toFixed(1).replace(/\.0$/, '');
}

export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  const hours = Math.floor(abs / 60);
  const rest = abs % 60;
  return `UTC${sign}${hours}${rest === 0 ? '' : `:${String(rest).padStart(2, '0')}`}`;
}

export function formatHour(hour: number): string {
  return `${String(hour % 24).padStart(2, '0')}:00`;
}
