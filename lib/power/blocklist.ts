import type { BlockedClient, BlockList } from '../settings/schema';

/** Pure block-list edits; the stored copy is changed through actions.ts. */

const indexes = new WeakMap<BlockList, Map<string, BlockedClient>>();

function indexOf(list: BlockList): Map<string, BlockedClient> {
  let index = indexes.get(list);
  if (!index) {
    index = new Map(list.clients.map((entry) => [entry.clientId, entry]));
    indexes.set(list, index);
  }
  return index;
}

export function isBlocked(list: BlockList, clientId: string): boolean {
  return indexOf(list).has(clientId);
}

export function blockedEntry(list: BlockList, clientId: string): BlockedClient | null {
  return indexOf(list).get(clientId) ?? null;
}

/** Adds the client, or refreshes its label and reason when already blocked (keeping the first date). */
export function addBlock(list: BlockList, entry: { clientId: string; label?: string; reason?: string }, now: number): BlockList {
  const existing = blockedEntry(list, entry.clientId);
  const next: BlockedClient = {
    clientId: entry.clientId,
    label: (entry.label ?? existing?.label ?? '').slice(0, 200),
    reason: (entry.reason ?? existing?.reason ?? '').slice(0, 500),
    addedAt: existing?.addedAt ?? Math.floor(now),
  };
  const others = list.clients.filter((client) => client.clientId !== entry.clientId);
  return { clients: [...others, next] };
}

export function removeBlock(list: BlockList, clientId: string): BlockList {
  return { clients: list.clients.filter((client) => client.clientId !== clientId) };
}

/** Union for imports: entries from both, the imported label/reason winning where both have the client. */
export function mergeBlockLists(current: BlockList, imported: BlockList): BlockList {
  const byId = new Map(current.clients.map((entry) => [entry.clientId, entry]));
  for (const entry of imported.clients) {
    const mine = byId.get(entry.clientId);
    if (!mine) {
      byId.set(entry.clientId, entry);
      continue;
    }
    // Keep the first time it was blocked; 0 means "date unknown" (entries migrated from v1).
    const known = [mine.addedAt, entry.addedAt].filter((time) => time > 0);
    byId.set(entry.clientId, { ...entry, addedAt: known.length > 0 ? Math.min(...known) : 0 });
  }
  return { clients: [...byId.values()] };
}
