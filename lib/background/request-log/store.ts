import type { SentRequest } from '../../upwork/api/client';

/**
 * The request log's storage: the extension's own IndexedDB (`loupe-requests`), worker only.
 * Rows are written in small batches (one transaction per flush) and kept for 7 days, at most
 * MAX_ROWS of them, oldest dropped first. Row keys grow with time, so key order is time order.
 */

export const KEEP_MS = 7 * 24 * 60 * 60_000;
/** 7 days at a steady 40,000 a day would be 280,000; a user that busy keeps the newest 300,000. */
export const MAX_ROWS = 300_000;
const DB_NAME = 'loupe-requests';
const STORE = 'log';

export interface LoggedRequest extends SentRequest {
  /** Row key: grows with time. */
  id: number;
}

export interface RequestLogStore {
  add(rows: readonly SentRequest[]): Promise<void>;
  /** Newest first, rows with id < before (all when null), at most `limit`. */
  page(before: number | null, limit: number): Promise<LoggedRequest[]>;
  /** Oldest first, every row sent at or after `since`. */
  since(since: number): Promise<LoggedRequest[]>;
  /** Drops rows older than `cutoff` and the oldest beyond `maxRows`. */
  prune(cutoff: number, maxRows: number): Promise<void>;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('The request log transaction was aborted.'));
  });
}

/** Walks a cursor, calling `visit` per row until it returns false. */
function walk(
  source: IDBObjectStore | IDBIndex,
  range: IDBKeyRange | null,
  direction: IDBCursorDirection,
  visit: (value: unknown) => boolean,
) {
  return new Promise<void>((resolve, reject) => {
    const req = source.openCursor(range, direction);
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor || !visit(cursor.value)) return resolve();
      cursor.continue();
    };
    req.onerror = () => reject(req.error);
  });
}

export function indexedDbRequestLogStore(factory: IDBFactory = indexedDB): RequestLogStore {
  let opened: Promise<IDBDatabase> | undefined;
  const db = () => {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        const store = req.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
        store.createIndex('at', 'at');
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    return opened;
  };
  const tx = async (mode: IDBTransactionMode) => (await db()).transaction(STORE, mode);

  return {
    async add(rows) {
      if (rows.length === 0) return;
      const t = await tx('readwrite');
      const store = t.objectStore(STORE);
      for (const row of rows) store.add({ ...row });
      await done(t);
    },
    async page(before, limit) {
      const found: LoggedRequest[] = [];
      const t = await tx('readonly');
      const range = before === null ? null : IDBKeyRange.upperBound(before, true);
      await walk(t.objectStore(STORE), range, 'prev', (value) => {
        found.push(value as LoggedRequest);
        return found.length < limit;
      });
      return found;
    },
    async since(since) {
      const found: LoggedRequest[] = [];
      const t = await tx('readonly');
      await walk(t.objectStore(STORE).index('at'), IDBKeyRange.lowerBound(since), 'next', (value) => {
        found.push(value as LoggedRequest);
        return true;
      });
      return found;
    },
    async prune(cutoff, maxRows) {
      const t = await tx('readwrite');
      const store = t.objectStore(STORE);
      const total = await request(store.count());
      let excess = total - maxRows;
      await walk(store, null, 'next', (value) => {
        const row = value as LoggedRequest;
        if (excess <= 0 && row.at >= cutoff) return false;
        store.delete(row.id);
        excess -= 1;
        return true;
      });
      await done(t);
    },
  };
}
