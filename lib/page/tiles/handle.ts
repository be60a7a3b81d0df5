import type { LoupeError } from '../../messaging/errors';
import type { JobDetail, JobSummary } from '../../upwork/model';
import type { BadgeTone } from './panel';

/** What a tile feature gets from the hub (hub.ts): one handle per tile, and the callbacks it subscribes with. */

export interface TileHandle {
  /** The tile element on the page (read it, don't restructure it). */
  readonly element: Element;
  readonly jobId: string;
  /** This subscriber's hold on this tile: aborts when the feature stops, the list goes away or the tile leaves the page. */
  readonly signal: AbortSignal;
  /** undefined while loading, null when the API has no client stats for the job. */
  readonly job: JobSummary | null | undefined;
  /** When `job` is null: what the job's detail still says about the client (country, zone, payment), if anything. */
  readonly clientBasics: JobDetail['client'] | undefined;
  /** When `job` is null: the API's search no longer lists the job (it closed or is private). */
  readonly notListed: boolean;
  /** An element inside the tile's Loupe panel, created on first use, removed when `signal` aborts. */
  section(id: string, options?: { order?: number }): HTMLElement;
  removeSection(id: string): void;
  /**
   * A chip-sized element beside the tile's title (its own island, right after the title link),
   * created on first use, removed when `signal` aborts; null when the tile's title can't be found
   * (use a section instead).
   */
  titleSlot(id: string, options?: { order?: number }): HTMLElement | null;
  removeTitleSlot(id: string): void;
  /**
   * A layer over the tile to paint on (keyword highlights): a zero-size element in the panel's
   * closed root, absolutely placed at the panel's top left; children place themselves relative to
   * it and let pointer events through. `css` is added to the panel's root once.
   */
  layer(id: string, css: string): HTMLElement;
  removeLayer(id: string): void;
  /** A small badge in the panel's badge row; `text` null removes it. */
  badge(id: string, text: string | null, options?: { tone?: BadgeTone; title?: string }): void;
  /** Hides the whole tile while any subscriber asks to (filters, block list). */
  setHidden(hidden: boolean): void;
  /** Dims the whole tile while any subscriber asks to. */
  setDimmed(dimmed: boolean): void;
  /** Asks the worker again for this tile's job (after an error). */
  retry(): void;
}

export interface TileSubscriber {
  onTile?(tile: TileHandle): void;
  onJob?(tile: TileHandle, job: JobSummary | null): void;
  onError?(tile: TileHandle, error: LoupeError): void;
}

/** What a subscriber needs from its feature: a lifetime and a way to report its own failure. */
export interface SubscriberOwner {
  id: string;
  signal: AbortSignal;
  fail(error: unknown): void;
}
