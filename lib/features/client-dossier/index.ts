import { defineTileFeature } from '../../page/feature';
import type { TileHandle } from '../../page/tiles/handle';
import { describeFacts } from '../../present/dossier-facts';

/**
 * What no single page shows about a tile's client, from the dossier Loupe keeps on this machine
 * (lib/power/dossier.ts): the same job posted again, how many jobs it posted lately, and how its
 * spend and hires moved since Loupe last showed it. Asked in batches once the tiles have data.
 */

const ASK_DELAY_MS = 300;

export default defineTileFeature({
  id: 'client-dossier',
  section: 'pages',
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
