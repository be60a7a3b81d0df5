import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../../lib/helpers/format';
import type { FieldIssue } from '../../lib/settings/fields';
import type { StoredDoc } from '../../lib/settings/store';

export type StoredState<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T; issues: FieldIssue[] }
  | { status: 'error'; message: string };

/** A stored item, kept current while the page is open (another tab or a page feature may change it). */
export function useStoredDoc<T>(doc: StoredDoc<T>): StoredState<T> {
  const [state, setState] = useState<StoredState<T>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    const load = () =>
      doc.read().then(
        ({ value, issues }) => live && setState({ status: 'ready', value, issues }),
        (error: unknown) => live && setState({ status: 'error', message: `Loupe could not read its settings: ${String(error)}` }),
      );
    void load();
    const unwatch = doc.watch(() => void load());
    return () => {
      live = false;
      unwatch();
    };
  }, [doc]);
  return state;
}

/** A value the worker keeps (no field-by-field health), current while the page is open; null until read. */
export function useLiveValue<T>(doc: { get(): Promise<T>; watch(callback: (value: T) => void): () => void }): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    void doc.get().then((next) => live && setValue(() => next));
    const unwatch = doc.watch((next) => live && setValue(() => next));
    return () => {
      live = false;
      unwatch();
    };
  }, [doc]);
  return value;
}

/**
 * A draft of one part of a stored value, saved on demand. The draft follows storage until the
 * user edits it; after that, outside changes wait until the user saves or discards.
 */
export function useDraft<T>(stored: T | undefined) {
  const [draft, setDraft] = useState<T | undefined>(stored);
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({ kind: 'idle' });

  useEffect(() => {
    if (!dirty) setDraft(stored);
  }, [stored, dirty]);

  const edit = useCallback((change: (current: T) => T) => {
    setDraft((current) => (current === undefined ? current : change(current)));
    setDirty(true);
    setStatus({ kind: 'idle' });
  }, []);

  const save = useCallback(async (write: (value: T) => Promise<unknown>, value: T | undefined) => {
    if (value === undefined) return;
    setStatus({ kind: 'saving' });
    try {
      await write(value);
      setDirty(false);
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'error', message: messageOf(error) });
    }
  }, []);

  const discard = useCallback(() => {
    setDirty(false);
    setDraft(stored);
    setStatus({ kind: 'idle' });
  }, [stored]);

  return { draft, dirty, status, edit, save, discard };
}
