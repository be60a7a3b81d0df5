import type { Faults } from '../faults';

/**
 * The schemaDrift fault changes search results the way an unannounced API change would:
 * 'missing-field' drops client.totalHires, 'wrong-type' sends totalSpent.rawValue as a number.
 */
export function applySchemaDrift<T>(data: T, drift: Faults['schemaDrift']): T {
  if (drift === 'none' || data === null || typeof data !== 'object') return data;
  for (const value of Object.values(data as Record<string, unknown>)) {
    const edges = (value as { edges?: unknown } | null)?.edges;
    if (!Array.isArray(edges)) continue;
    for (const edge of edges) {
      const client = (edge as { node?: { client?: Record<string, unknown> } } | null)?.node?.client;
      if (!client) continue;
      if (drift === 'missing-field') delete client.totalHires;
      const spent = client.totalSpent as { rawValue?: unknown } | null | undefined;
      if (drift === 'wrong-type' && spent && typeof spent.rawValue === 'string') spent.rawValue = Number(spent.rawValue);
    }
  }
  return data;
}
