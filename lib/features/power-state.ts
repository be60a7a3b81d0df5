import type { BlockList, Notes, Settings } from '../settings/schema';
import { blockListDoc, notesDoc, settingsDoc } from '../settings/store';

/**
 * What the power-tool features (filters, score, highlights, notes) read from storage, loaded once
 * per feature start and kept current: a rule changed on the options page, or a note added in
 * another tab, reaches every open upwork.com page without a reload.
 */
export interface PowerState {
  settings: Settings;
  blockList: BlockList;
  notes: Notes;
}

export async function loadPowerState(signal: AbortSignal, onChange: (state: PowerState) => void): Promise<PowerState> {
  const [settings, blockList, notes] = await Promise.all([settingsDoc.get(), blockListDoc.get(), notesDoc.get()]);
  let state: PowerState = { settings, blockList, notes };
  const update = (patch: Partial<PowerState>) => {
    if (signal.aborted) return;
    state = { ...state, ...patch };
    onChange(state);
  };
  const stops = [
    settingsDoc.watch((value) => update({ settings: value })),
    blockListDoc.watch((value) => update({ blockList: value })),
    notesDoc.watch((value) => update({ notes: value })),
  ];
  const stopAll = () => {
    for (const stop of stops) stop();
  };
  if (signal.aborted) stopAll();
  else signal.addEventListener('abort', stopAll, { once: true });
  return state;
}
