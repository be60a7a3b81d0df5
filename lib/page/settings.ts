import type { ResponseOf } from '../messaging/contract';
import type { BlockList, Notes, Settings } from '../settings/schema';
import type { Send } from './send';

/**
 * What the page features (switches, filters, score, highlights, notes) start from: one
 * 'power.state' answer from the worker per page, shared by every feature and asked again when the
 * worker announces a change (a rule changed on the options page, a note added in another tab), so
 * every open upwork.com page follows without a reload. The page never reads storage itself.
 */
export interface PowerState {
  settings: Settings;
  blockList: BlockList;
  notes: Notes;
}

export type PageState = ResponseOf<'power.state'>;

/** What a feature gets as `ctx.settings`: the user's data now, and again after every change. */
export interface FeatureSettings {
  /** Resolves with the state now; calls `onChange` after every change until the feature stops. */
  load(onChange: (state: PowerState) => void): Promise<PowerState>;
}

const notices = new Set<() => void>();

/** Called when the worker says the user's data changed (its 'power.changed' notice). */
export function powerStateChanged(): void {
  for (const listener of [...notices]) listener();
}

/**
 * The page's one copy of the user's data: asked once, asked again after a change notice, and
 * handed to every feature (and the on/off switches) from there.
 */
export class PageSettings {
  private answer: Promise<PageState> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly send: Send,
    signal: AbortSignal,
  ) {
    const changed = () => {
      this.answer = undefined;
      for (const listener of [...this.listeners]) listener();
    };
    notices.add(changed);
    signal.addEventListener('abort', () => notices.delete(changed), { once: true });
  }

  /** The worker's answer, asked once per change. */
  read(): Promise<PageState> {
    if (this.answer) return this.answer;
    const answer = this.send('power.state', {});
    this.answer = answer;
    // A failed ask is not remembered: the next caller asks again.
    answer.catch(() => {
      if (this.answer === answer) this.answer = undefined;
    });
    return answer;
  }

  /** Calls back after every change, until `signal` aborts. */
  onChange(listener: () => void, signal: AbortSignal): void {
    if (signal.aborted) return;
    this.listeners.add(listener);
    signal.addEventListener('abort', () => this.listeners.delete(listener), { once: true });
  }

  /** A feature's view of it, scoped to the feature's signal. */
  forFeature(signal: AbortSignal): FeatureSettings {
    return {
      load: async (onChange) => {
        const { settings, blockList, notes } = await this.read();
        this.onChange(() => {
          this.read().then(
            (next) => {
              if (!signal.aborted) onChange({ settings: next.settings, blockList: next.blockList, notes: next.notes });
            },
            () => undefined,
          );
        }, signal);
        return { settings, blockList, notes };
      },
    };
  }
}
