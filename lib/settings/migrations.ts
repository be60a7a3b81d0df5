import { isPlainObject } from './fields';

/**
 * Migrations from the version-1 shapes (Loupe's 0.0.x prototype) to version 2. WXT runs them when
 * an item is defined and its stored version is older. Each one:
 * - returns v2-shaped values untouched, because WXT treats a value with no version mark as v1
 *   (a value written by `storage.setItems` or restored from a snapshot can lack the mark);
 * - never throws: odd input passes through and the per-field parser (fields.ts) repairs and reports it;
 * - never drops a note.
 */

/** v1 stored money as text typed by the user ("1,000", "$1000"). */
function parseMoneyText(text: string): number | null {
  const cleaned = text.replace(/[$,\s]/g, '');
  if (cleaned === '') return null;
  const value = Number(cleaned);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

function quoteTerm(term: string): string {
  const trimmed = term.replace(/"/g, '').trim();
  return /[\s,]/.test(trimmed) ? `"${trimmed}"` : trimmed;
}

/**
 * v1 settings: `{ minSpend: string, paymentVerifiedOnly: boolean, excludeKeywords: string[],
 * dimInsteadOfHide: boolean }`. v2 groups everything under `rules` (+ `score`, `highlights`).
 */
export function migrateSettingsV1toV2(old: unknown): unknown {
  if (!isPlainObject(old) || isPlainObject(old.rules)) return old;
  const action = old.dimInsteadOfHide === true ? 'dim' : 'hide';
  const rules: Record<string, unknown> = {};

  if (typeof old.minSpend === 'string' && old.minSpend.trim() !== '') {
    const amount = parseMoneyText(old.minSpend);
    // Unparseable text is carried over as-is: the field parser then resets it and tells the user,
    // rather than the rule silently disappearing.
    rules.minClientSpend = { enabled: true, action, amount: amount ?? old.minSpend };
  } else if (typeof old.minSpend === 'number') {
    rules.minClientSpend = { enabled: true, action, amount: old.minSpend };
  }
  if (old.paymentVerifiedOnly === true) rules.paymentVerified = { enabled: true, action };
  if (Array.isArray(old.excludeKeywords)) {
    const terms = old.excludeKeywords.filter((term): term is string => typeof term === 'string' && term.trim() !== '');
    if (terms.length > 0) rules.excludeKeywords = { enabled: true, action, terms: terms.map(quoteTerm).join(', ') };
  }
  return { rules };
}

/** v1 block list: a bare `string[]` of client ids. v2: `{ clients: [{ clientId, label, reason, addedAt }] }`. */
export function migrateBlockListV1toV2(old: unknown): unknown {
  if (!Array.isArray(old)) return old;
  const seen = new Set<string>();
  const clients = [];
  for (const id of old) {
    if (typeof id !== 'string' || id === '' || seen.has(id)) continue;
    seen.add(id);
    clients.push({ clientId: id, label: '', reason: '', addedAt: 0 });
  }
  return { clients };
}

/**
 * v1 notes: `{ [clientId]: text }`, client notes only, no tags. v2: `{ entries: Note[] }` with
 * client and job notes and tags. Every v1 note survives, whatever its text.
 */
export function migrateNotesV1toV2(old: unknown): unknown {
  if (!isPlainObject(old) || Array.isArray(old.entries)) return old;
  const entries = Object.entries(old).map(([key, text]) => ({
    target: 'client',
    key,
    text: typeof text === 'string' ? text : (JSON.stringify(text) ?? ''),
    tags: [],
    label: '',
    updatedAt: 0,
  }));
  return { entries };
}
