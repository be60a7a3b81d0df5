import { isJobSlider } from '../../upwork/site/urls';
import type { FeatureContext } from '../feature';
import { createIsland, type Island, placeBy } from './island';

/** Where job-page boxes go: before "About the client", or inside the slider's content when that box is missing. */
export interface JobPageAnchor {
  element: Element;
  inside: boolean;
}

/** Near "About the client"; in the slider, the slider's content if that box is missing. */
export async function findJobPageAnchor(ctx: FeatureContext): Promise<JobPageAnchor> {
  try {
    return { element: await ctx.waitFor('aboutClient'), inside: false };
  } catch (error) {
    if (!isJobSlider(ctx.url) || ctx.signal.aborted) throw error;
    return { element: await ctx.waitFor('sliderContent'), inside: true };
  }
}

/** An island `place` function for the anchor: false once the anchor has left the page. */
export function placeAtJobAnchor(anchor: JobPageAnchor): (host: HTMLElement) => boolean {
  return placeBy(anchor.element, anchor.inside ? 'prepend' : 'before');
}

/** An island for job `id` at the anchor, for as long as the feature runs. */
export function jobPageIsland(ctx: FeatureContext, anchor: JobPageAnchor, options: { name: string; id: string; css: string }): Island {
  return createIsland({
    name: options.name,
    signal: ctx.signal,
    css: options.css,
    dataset: { loupeJob: options.id },
    place: placeAtJobAnchor(anchor),
  });
}
