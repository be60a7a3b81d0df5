import { formatExactMoney } from '../helpers/format';

/**
 * The dossier's facts about a client (lib/power/dossier.ts) in words, for the tile's badge and the
 * job page's card alike.
 */

interface Facts {
  postedLast30Days: number;
  postedLast90Days: number;
  reposts: number;
  spendChange: number | null;
  hiresChange: number | null;
}

function signed(value: number, format: (n: number) => string): string {
  return `${value > 0 ? '+' : '−'}${format(Math.abs(value))}`;
}

/** Short badge text and its plain-words title; null when there is nothing beyond this page. */
export function describeFacts(facts: Facts): { text: string; title: string } | null {
  const text: string[] = [];
  const title: string[] = [];
  if (facts.reposts > 0) {
    text.push('Reposted');
    title.push(`This client posted the same job ${facts.reposts === 1 ? 'once' : `${facts.reposts} times`} before.`);
  }
  if (facts.postedLast30Days > 1) {
    text.push(`${facts.postedLast30Days} jobs in 30 days`);
    title.push(`${facts.postedLast30Days} of its jobs posted in the last 30 days, ${facts.postedLast90Days} in 90, that Loupe showed you.`);
  }
  if (facts.spendChange !== null && facts.spendChange !== 0) {
    text.push(`spend ${signed(facts.spendChange, (n) => formatExactMoney(n))}`);
    title.push(`Its total spend changed by ${signed(facts.spendChange, (n) => formatExactMoney(n))} since you last saw it.`);
  }
  if (facts.hiresChange !== null && facts.hiresChange > 0) {
    text.push(`${signed(facts.hiresChange, String)} hired`);
    title.push(`It hired ${facts.hiresChange} more since you last saw it.`);
  }
  return text.length === 0 ? null : { text: text.join(' · '), title: title.join(' ') };
}
