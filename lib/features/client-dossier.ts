import { formatExactMoney } from '../helpers/format';
import { defineTileFeature } from '../page/feature';
import type { TileHandle } from '../page/tiles/hub';

/**
 * What no single page shows about a tile's client, from the dossier Loupe keeps on this machine
 * (lib/power/dossier.ts): the same job posted again, how many jobs it posted lately, and how its
 * spend and hires moved since Loupe last showed it. Asked in batches once the tiles have data.
 */

const ASK_DELAY_MS = 300;

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

export default defineTileFeature({
  id: 'client-dossier',
  title: 'Client history',
  description: 'On each tile, what Loupe saw of its client before: the same job reposted, jobs posted lately, spend and hires since.',
  async init(ctx) {
    const tiles = new Map<string, TileHandle>();
    const pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      timer = undefined;
      const ids = [...pending].slice(0, 100);
      for (const id of ids) pending.delete(id);
      if (pending.size > 0) timer = setTimeout(() => void ask(), ASK_DELAY_MS);
      if (ids.length === 0 || ctx.signal.aborted) return;
      const { facts } = await ctx.send('dossier.forJobs', { ids });
      for (const id of ids) {
        const found = facts[id];
        const described = found ? describeFacts(found) : null;
        tiles.get(id)?.badge('dossier', described?.text ?? null, { tone: 'neutral', title: described?.title ?? '' });
      }
    };
    ctx.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    ctx.tiles.subscribe(ctx, {
      onJob(tile, job) {
        if (!job) return;
        tiles.set(tile.jobId, tile);
        pending.add(tile.jobId);
        timer ??= setTimeout(() => void ask().catch((error: unknown) => console.warn('[loupe] client history', error)), ASK_DELAY_MS);
      },
    });
  },
});
