import type { CardRow } from '../present/client-rows';

/**
 * The rich UI features hand their data to. Features live in lib/ and may not import components/
 * (dependencies point one way), so the content-script entrypoint passes React implementations
 * of these views in (components/overlay/views.tsx). Features compute plain view models (already
 * formatted strings); views only render them, as text.
 */

/** A list item that links somewhere (on www.upwork.com only: the card refuses any other address). */
export interface CardLink {
  text: string;
  href: string;
  /** Plain text after the link ("posted 3 days ago"). */
  note?: string;
}

export interface CardList {
  key: string;
  title: string;
  items: (string | CardLink)[];
  /** Shown open at first; by default only short lists are. */
  open?: boolean;
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
