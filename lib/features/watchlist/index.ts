import { batched } from '../../helpers/batch';
import { defineJobPageFeature, defineTileFeature, type FeatureContext } from '../../page/feature';
import { findJobPageAnchor, jobPageIsland } from '../../page/ui/job-anchor';

/**
 * A star on every tile and job page puts the job on Loupe's watchlist; the worker
 * checks it through the API and notifies. Only a real click counts: a page script's synthetic
 * click (event.isTrusted false) changes nothing.
 */

const css = `.loupe-star { font: inherit; font-size: 12px; border: 1px solid var(--loupe-muted); border-radius: 12px; padding: 1px 8px; background: var(--loupe-bg); color: inherit; cursor: pointer; }
.loupe-star[aria-pressed="true"] { border-color: var(--loupe-accent); color: var(--loupe-accent); font-weight: 600; }`;

function starButton(ctx: FeatureContext, id: string, title: () => string | undefined, watching: boolean): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'loupe-star';
  button.dataset.loupeStar = id;
  const show = (on: boolean) => {
    button.setAttribute('aria-pressed', String(on));
    button.textContent = on ? '★ Watching' : '☆ Watch';
    button.title = on ? 'Loupe checks this job and tells you when the client acts. Click to stop.' : 'Watch this job with Loupe';
  };
  show(watching);
  button.addEventListener(
    'click',
    (event) => {
      if (!event.isTrusted) return;
      const on = button.getAttribute('aria-pressed') !== 'true';
      const sent = on ? ctx.send('watchlist.add', { id, ...(title() ? { title: title() } : {}) }) : ctx.send('watchlist.remove', { id });
      sent.then(
        () => show(on),
        (error: unknown) => {
          button.title = error instanceof Error ? error.message : 'Loupe could not change the watchlist.';
        },
      );
    },
    { signal: ctx.signal },
  );
  return button;
}

/** Whether jobs are watched: the stars of one scan ask in one message. */
function watchedLookup(ctx: FeatureContext): (id: string) => Promise<boolean> {
  const which = batched(async (ids) => {
    const { watched } = await ctx.send('watchlist.which', { ids });
    return new Map(ids.map((id) => [id, watched.includes(id)]));
  });
  return (id) =>
    which(id).then(
      (watching) => watching === true,
      () => false,
    );
}

export const watchStarTiles = defineTileFeature({
  id: 'watch-star-tiles',
  section: 'watchlist',
  title: 'Watch stars on job lists',
  description: 'A star on each job tile puts the job on your watchlist.',
  init(ctx) {
    const isWatched = watchedLookup(ctx);
    ctx.tiles.subscribe(ctx, {
      onTile(tile) {
        void isWatched(tile.jobId).then((watching) => {
          if (tile.signal.aborted) return;
          const section = tile.section('watch-star', { order: 5 });
          section.replaceChildren(starButton(ctx, tile.jobId, () => tile.job?.title, watching));
        });
      },
    });
  },
});

export const watchStarJobPage = defineJobPageFeature({
  id: 'watch-star-job-page',
  section: 'watchlist',
  title: 'Watch star on job pages',
  description: 'A star on a job page puts the job on your watchlist.',
  async init(ctx, id) {
    const [anchor, watching] = await Promise.all([findJobPageAnchor(ctx), watchedLookup(ctx)(id)]);
    const island = jobPageIsland(ctx, anchor, { name: 'watch-star', id, css });
    island.body.append(starButton(ctx, id, () => document.title.split(' - ')[0]?.trim() || undefined, watching));
  },
});
