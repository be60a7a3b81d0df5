import type { CardModel, CardView, OverlayViews } from '../../lib/page/views';
import { cardElement } from './card';
import { cardCss } from './card-css';

/** The page overlays' views, handed to the content script by its entrypoint (lib/ never imports components/). */
export function createOverlayViews(): OverlayViews {
  return {
    card(container: HTMLElement, signal: AbortSignal): CardView {
      const style = document.createElement('style');
      style.textContent = cardCss;
      container.before(style);
      signal.addEventListener(
        'abort',
        () => {
          container.replaceChildren();
          style.remove();
        },
        { once: true },
      );
      return {
        update(model: CardModel) {
          if (!signal.aborted) container.replaceChildren(cardElement(model));
        },
      };
    },
  };
}
