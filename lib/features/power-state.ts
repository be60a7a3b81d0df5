import type { ResponseOf } from '../messaging/contract';
import type { BlockList, Notes, Settings } from '../settings/schema';
import type { Send } from './tiles/hub';

/**
 * What the page features (switches, filters, score, highlights, notes) start from: one
 * 'power.state' answer from the worker, shared by every feature of the page and asked again when
 * the worker announces a change (a rule changed on the options page, a note added in another tab),
 * so every open upwork.com page follows without a reload. The page never reads storage itself.
 */
export interface PowerState {
  settings: Settings;
  blockList: BlockList;
  notes: Notes;
}

export type PageState = ResponseOf<'power.state'>;

const answers = new WeakMap<Send, { generation: number; answer: Promise<PageState> }>();
const listeners = new Set<() => void>();
/** Bumped by every change notice: answers from an older generation are asked again. */
let generation = 0;

/** The page's state, asked once per change (shared by every caller with the same `send`). */
export function pageState(send: Send): Promise<PageState> {
  const cached = answers.get(send);
  if (cached && cached.generation === generation) return cached.answer;
  const entry = { generation, answer: send('power.state', {}) };
  answers.set(send, entry);
  // A failed ask is not remembered: the next caller asks again.
  entry.answer.catch(() => {
    if (answers.get(send) === entry) answers.delete(send);
  });
  return entry.answer;
}

/** Called when the worker says the user's data changed: older answers are stale, the features hear of it. */
export function powerStateChanged(): void {
  generation += 1;
  for (const listener of [...listeners]) listener();
}

/** Calls back after every change, until `signal` aborts. */
export function onPowerStateChange(listener: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  listeners.add(listener);
  signal.addEventListener('abort', () => listeners.delete(listener), { once: true });
}

export async function loadPowerState(ctx: { send: Send; signal: AbortSignal }, onChange: (state: PowerState) => void): Promise<PowerState> {
  const { settings, blockList, notes } = await pageState(ctx.send);
  onPowerStateChange(() => {
    pageState(ctx.send).then(
      (next) => {
        if (!ctx.signal.aborted) onChange({ settings: next.settings, blockList: next.blockList, notes: next.notes });
      },
      () => undefined,
    );
  }, ctx.signal);
  return { settings, blockList, notes };
}
