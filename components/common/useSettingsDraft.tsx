import type { ReactNode } from 'react';
import { defaultSettings, type Settings } from '../../lib/settings/schema';
import { settingsDoc } from '../../lib/settings/store';
import { useDraft, useStoredDoc } from './useStored';

/**
 * A draft of one part of the settings (the rules, the score, the highlight groups), saved back into
 * that part alone. Until the settings are read, `placeholder` says so (or why they could not be);
 * then `saveBar` wires the editor's SaveBar, and `reset` puts the part's defaults in the draft.
 */
export function useSettingsDraft<K extends keyof Settings>(key: K, loadingText: string) {
  const stored = useStoredDoc(settingsDoc);
  const { draft, dirty, status, edit, save, discard } = useDraft(stored.status === 'ready' ? stored.value[key] : undefined);
  if (stored.status === 'error' || draft === undefined) {
    const placeholder: ReactNode = stored.status === 'error' ? <p role="alert">{stored.message}</p> : <p role="status">{loadingText}</p>;
    return { ready: false as const, placeholder };
  }
  const onSave = () => void save((value) => settingsDoc.update((settings) => ({ ...settings, [key]: value })), draft);
  return {
    ready: true as const,
    draft,
    edit,
    reset: () => edit(() => defaultSettings()[key]),
    saveBar: { dirty, status, onSave, onDiscard: discard },
  };
}
