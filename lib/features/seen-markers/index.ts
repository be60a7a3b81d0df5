import { batched } from '../../helpers/batch';
import { formatTimeAgo } from '../../helpers/time';
import { defineTileFeature } from '../../page/feature';
import type { TileHandle } from '../../page/tiles/handle';
import { SEEN_ASK_MAX } from '../../settings/limits';

/**
 * "New" on jobs you have not seen before, "Seen 2 days ago" on the others. A job counts as seen
 * once half of its tile has been on screen; marks are written in batches (the last 5,000 jobs
 * are remembered, in the worker: the page asks about its own tiles). Badges compare with what
 * was seen before this page opened, so scrolling doesn't turn "New" into "Seen" under your eyes.
 */

const WRITE_DELAY_MS = 1_500;

export default defineTileFeature({
  id: 'seen-markers',
  section: 'pages',
  title: 'New and seen jobs',
  description: 'Marks jobs you haven’t seen before as New, and the others with when you first saw them.',
  async init(ctx) {
    // A sighting stamped after the page opened is this page's own (see above).
    const openedAt = ctx.now().getTime();
    let warned = false;
    const seenBefore = batched(async (ids) => {
      try {
        const { seen } = await ctx.send('power.seenJobs', { ids });
        return new Map(seen.filter(([, at]) => at < openedAt));
      } catch (error) {
        // No badge beats a wrong one; the rest of each tile is unaffected. One line per page, not per tile.
        if (!warned) console.warn('[loupe] could not read seen jobs', error);
        warned = true;
        throw error;
      }
    }, SEEN_ASK_MAX);
    const pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      if (pending.size === 0) return;
      const ids = [...pending];
      pending.clear();
      ctx.send('power.markSeen', { ids }).catch((error: unknown) => console.warn('[loupe] could not record seen jobs', error));
    };
    const ids = new WeakMap<Element, string>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const id = ids.get(entry.target);
          if (!entry.isIntersecting || id === undefined) continue;
          pending.add(id);
          observer.unobserve(entry.target);
        }
        if (pending.size > 0 && timer === undefined) timer = setTimeout(flush, WRITE_DELAY_MS);
      },
      { threshold: 0.5 },
    );
    ctx.signal.addEventListener(
      'abort',
      () => {
        observer.disconnect();
        clearTimeout(timer);
        flush();
      },
      { once: true },
    );
    const badge = (tile: TileHandle, when: number | undefined) => {
      if (when === undefined) {
        tile.badge('seen', 'New', { tone: 'info', title: 'You haven’t seen this job before' });
        return;
      }
      const date = new Date(when);
      tile.badge('seen', `Seen ${formatTimeAgo(date, ctx.now()) ?? ''}`.trim(), {
        tone: 'neutral',
        title: `You first saw this job on ${date.toLocaleString()}`,
      });
    };
    ctx.tiles.subscribe(ctx, {
      onTile(tile) {
        seenBefore(tile.jobId).then(
          (when) => {
            if (!tile.signal.aborted) badge(tile, when);
          },
          () => undefined,
        );
        ids.set(tile.element, tile.jobId);
        observer.observe(tile.element);
        tile.signal.addEventListener('abort', () => observer.unobserve(tile.element), { once: true });
      },
    });
  },
});
