import type { CardRow } from '../present/client-rows';

/**
 * The rich UI features hand their data to. Features live in lib/ and may not import components/
 * (dependencies point one way), so the content-script entrypoint passes React implementations
 * of these views in (components/overlay/views.tsx). Features compute plain view models (already
 * formatted strings); views only render them, as text.
 */

export interface CardList {
  key: string;
  title: string;
  items: string[];
}

export type CardModel =
  | { state: 'loading'; title: string; loadingText: string }
  | { state: 'error'; title: string; message: string; onRetry?: () => void }
  | { state: 'ready'; title: string; rows: CardRow[]; lists: CardList[]; footnote?: string };

export interface CardView {
  update(model: CardModel): void;
}

export interface OverlayViews {
  /**
   * Mounts a card into `container` (an element inside a Loupe shadow root). The card unmounts
   * when `signal` aborts.
   */
  card(container: HTMLElement, signal: AbortSignal): CardView;
}
