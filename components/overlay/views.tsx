import { createRoot } from 'react-dom/client';
import type { CardModel, CardView, OverlayViews } from '../../lib/features/views';
import { Card } from './Card';
import { cardCss } from './card-css';

/** The React side of the page overlays, handed to the content script by its entrypoint. */
export function createOverlayViews(): OverlayViews {
  return {
    card(container: HTMLElement, signal: AbortSignal): CardView {
      const style = document.createElement('style');
      style.textContent = cardCss;
      container.before(style);
      const root = createRoot(container);
      signal.addEventListener(
        'abort',
        () => {
          root.unmount();
          style.remove();
        },
        { once: true },
      );
      return {
        update(model: CardModel) {
          if (!signal.aborted) root.render(<Card model={model} />);
        },
      };
    },
  };
}
