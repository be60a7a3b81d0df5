import { defineTileFeature } from '../../page/feature';
import type { TileHandle } from '../../page/tiles/handle';
import { ensureNotesStyle, NotesWidget } from './widget';

/** Notes, tags and the block button in each job tile's panel. */
export default defineTileFeature({
  id: 'client-notes',
  section: 'notes',
  title: 'Notes, tags and blocking on job tiles',
  description: 'Your notes and tags on clients and jobs, shown on every job of that client, with a button to block a client.',
  async init(ctx) {
    const widgets = new Map<TileHandle, NotesWidget>();
    let state = await ctx.settings.load((next) => {
      state = next;
      for (const widget of widgets.values()) widget.update(state);
    });
    ctx.tiles.subscribe(ctx, {
      onJob(tile, job) {
        let widget = widgets.get(tile);
        if (!widget) {
          tile.signal.addEventListener('abort', () => widgets.delete(tile), { once: true });
          const section = tile.section('notes', { order: 20 });
          ensureNotesStyle(section);
          widget = new NotesWidget(section, tile.jobId, job, ctx.send, true);
          widgets.set(tile, widget);
          widget.update(state);
        } else {
          widget.setJob(job);
        }
      },
    });
  },
});
