import { h } from '../../helpers/dom';
import { defineJobPageFeature } from '../../page/feature';
import { findJobPageAnchor, jobPageIsland } from '../../page/ui/job-anchor';
import type { JobSummary } from '../../upwork/model';
import { NotesWidget, notesCss } from './widget';

/**
 * Your notes on a job page (and the job slider): the job's note, and the client's note and block
 * button when Loupe knows the client's id. The client comes from the same 'jobs.forTiles' lookup the
 * lists use (one cached request); without it, only the job note is offered.
 */

const css = `${notesCss}
.loupe-job-notes { margin: 8px 0; padding: 6px 10px; border-left: 3px solid var(--loupe-accent); background: var(--loupe-bg); border-radius: 0 6px 6px 0; }
.loupe-job-notes-title { font-weight: 600; margin: 0 0 4px; }
`;

export default defineJobPageFeature({
  id: 'job-page-notes',
  section: 'notes',
  title: 'Notes on job pages',
  description: 'Your notes and tags on the job and its client, and the block button, on job pages and the job slider.',
  async init(ctx, id) {
    const lookup: Promise<JobSummary | null> = ctx
      .send('jobs.forTiles', { ids: [id] })
      .then((answer) => answer.jobs.find((job) => job.id === id) ?? null)
      .catch(() => null);
    let widget: NotesWidget | undefined;
    const [anchor, first] = await Promise.all([findJobPageAnchor(ctx), ctx.settings.load((next) => widget?.update(next))]);
    const island = jobPageIsland(ctx, anchor, { name: 'job-notes', id, css });
    const body = h('div');
    island.body.append(
      h(
        'section',
        { class: 'loupe-job-notes', aria: { label: 'Your notes (Loupe)' } },
        h('p', { class: 'loupe-job-notes-title' }, 'Your notes · Loupe'),
        body,
      ),
    );
    widget = new NotesWidget(body, id, null, ctx.send);
    widget.update(first);
    const job = await lookup;
    if (!ctx.signal.aborted) widget.setJob(job);
  },
});
