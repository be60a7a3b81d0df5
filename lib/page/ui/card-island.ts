import { testMark } from '../../helpers/test-build';
import { toLoupeError } from '../../messaging/errors';
import type { FeatureContext } from '../feature';
import type { CardModel } from '../views';
import { createIsland } from './island';
import { SIGNED_OUT_NOTICE } from './notice';

/**
 * A card island that shows one worker answer: loading, then the card, or a short error with
 * Retry. Signed out, the card goes away and the page's one sign-in line appears instead.
 */
export interface CardIslandOptions<T> {
  name: string;
  title: string;
  loadingText: string;
  /** What to say when the worker answers with nothing (null). */
  emptyMessage: string;
  dataset: Record<string, string>;
  /** Waits for the card's place on the page. */
  place: () => Promise<(host: HTMLElement) => boolean>;
  /** The request, sent first and again on Retry. */
  ask: () => Promise<T | null>;
  toModel: (data: T) => CardModel;
}

export async function showCardIsland<T>(ctx: FeatureContext, options: CardIslandOptions<T>): Promise<void> {
  // Ask while the page renders; a failure that comes before the card is there shows on the card.
  const first = options.ask();
  first.catch(() => {});
  const place = await options.place();
  const shown = new AbortController();
  ctx.signal.addEventListener('abort', () => shown.abort(), { once: true });
  const island = createIsland({ name: options.name, signal: shown.signal, dataset: options.dataset, place });
  const view = ctx.views.card(island.body, shown.signal);
  const setState = (state: string) => {
    testMark(island.host, 'loupeState', state);
  };

  // The worker cancels a tab's requests when it thinks the page went away; a same-document route
  // change can look like that. Still here, so ask once more before showing an error.
  let askedAgainAfterCancel = false;
  const load = async (request: Promise<T | null>): Promise<void> => {
    view.update({ state: 'loading', title: options.title, loadingText: options.loadingText });
    setState('loading');
    try {
      const data = await request;
      if (shown.signal.aborted) return;
      setState(data ? 'ready' : 'missing');
      view.update(data ? options.toModel(data) : { state: 'error', title: options.title, message: options.emptyMessage });
    } catch (error) {
      if (shown.signal.aborted) return;
      const failure = toLoupeError(error);
      if (failure.code === 'cancelled' && !askedAgainAfterCancel) {
        askedAgainAfterCancel = true;
        await load(options.ask());
        return;
      }
      if (failure.code === 'signed-out') {
        ctx.notices.show(SIGNED_OUT_NOTICE.id, SIGNED_OUT_NOTICE.text);
        shown.abort();
        return;
      }
      setState('error');
      view.update({ state: 'error', title: options.title, message: failure.message, onRetry: () => void load(options.ask()) });
    }
  };
  await load(first);
}
