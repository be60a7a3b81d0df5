import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkKey, packKind, readKind } from '../../../lib/sync/chunks';
import { compareEntries, type Entry, knownOf, liveValues, merge, type Replica, sameReplica, stampLocal } from '../../../lib/sync/merge';
import { itemBytes } from '../../../lib/sync/quota';

/** Few ids, times and devices, so changes collide on the same entry (and tie) often. */
const id = fc.constantFrom('a', 'b', 'c', 'd', 'note:1', 'note:2');
const value = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.record({ text: fc.string({ maxLength: 20 }), tags: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }) }),
);
const entry: fc.Arbitrary<Entry<unknown>> = fc.oneof(
  fc.record({ t: fc.integer({ min: 0, max: 5 }), d: fc.constantFrom('dev-a', 'dev-b', 'dev-c'), v: value }),
  fc.record({ t: fc.integer({ min: 0, max: 5 }), d: fc.constantFrom('dev-a', 'dev-b', 'dev-c'), del: fc.constant(true as const) }),
);
const change = fc.tuple(id, entry).map(([key, e]) => ({ [key]: e }) as Replica<unknown>);
const replica = fc.array(change, { maxLength: 8 }).map((changes) => changes.reduce<Replica<unknown>>((acc, c) => merge(acc, c), {}));

const same = (a: Replica<unknown>, b: Replica<unknown>) => expect(sameReplica(a, b)).toBe(true);
const check = (_id: string, v: unknown) => v;

describe('merge', () => {
  it('is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(replica, replica, replica, (a, b, c) => {
        same(merge(a, b), merge(b, a));
        same(merge(merge(a, b), c), merge(a, merge(b, c)));
        same(merge(a, a), a);
      }),
    );
  });

  it('gives the same result for the same changes in any order', () => {
    fc.assert(
      fc.property(
        fc
          .array(change, { maxLength: 12 })
          .chain((changes) => fc.tuple(fc.constant(changes), fc.shuffledSubarray(changes, { minLength: changes.length }))),
        ([changes, shuffled]) => {
          const fold = (list: Replica<unknown>[]) => list.reduce<Replica<unknown>>((acc, c) => merge(acc, c), {});
          same(fold(changes), fold(shuffled));
        },
      ),
    );
  });

  it('changes nothing when a change is applied twice', () => {
    fc.assert(
      fc.property(replica, change, (state, c) => {
        const once = merge(state, c);
        same(merge(once, c), once);
      }),
    );
  });

  it('keeps edits to different entries made on two devices', () => {
    const base = { 'note:1': { t: 10, d: 'dev-a', v: 'one' }, 'note:2': { t: 10, d: 'dev-a', v: 'two' } };
    const onA = merge(base, { 'note:1': { t: 20, d: 'dev-a', v: 'one, edited on A' } });
    const onB = merge(base, { 'note:2': { t: 15, d: 'dev-b', v: 'two, edited on B' } });
    expect(liveValues(merge(onA, onB))).toEqual({ 'note:1': 'one, edited on A', 'note:2': 'two, edited on B' });
  });

  it('resolves the same entry by the newest change, then by device id', () => {
    expect(liveValues(merge({ x: { t: 5, d: 'dev-b', v: 'old' } }, { x: { t: 6, d: 'dev-a', v: 'new' } }))).toEqual({ x: 'new' });
    expect(liveValues(merge({ x: { t: 5, d: 'dev-b', v: 'b' } }, { x: { t: 5, d: 'dev-a', v: 'a' } }))).toEqual({ x: 'b' });
    expect(liveValues(merge({ x: { t: 5, d: 'dev-a', v: 'kept' } }, { x: { t: 6, d: 'dev-a', del: true } }))).toEqual({});
  });
});

describe('chunks', () => {
  const bigReplica = fc
    .array(
      fc.tuple(
        fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s !== '__proto__'),
        entry,
      ),
      { maxLength: 60 },
    )
    .map((pairs) => pairs.reduce<Replica<unknown>>((acc, [key, e]) => merge(acc, { [key]: e }), {}));

  it('packs every entry under the per-item size and reads back the same entries', () => {
    fc.assert(
      fc.property(bigReplica, fc.integer({ min: 120, max: 2_000 }), (state, maxItem) => {
        const { chunks, tooLarge } = packKind('notes', state, maxItem);
        for (const [key, chunk] of Object.entries(chunks)) expect(itemBytes(key, chunk)).toBeLessThanOrEqual(maxItem);
        const back = readKind('notes', chunks, check);
        expect(back.problems).toEqual([]);
        const expected = Object.fromEntries(Object.entries(state).filter(([key]) => !tooLarge.includes(key)));
        same(back.replica, expected);
      }),
    );
  });

  it('loses nothing local when a remote chunk is corrupt or missing, and reports the bad one', () => {
    const damage = fc.constantFrom('missing', 'garbage', 'wrong-version', 'bad-entry');
    fc.assert(
      fc.property(bigReplica, bigReplica, fc.nat(), damage, (local, remote, which, how) => {
        const { chunks } = packKind('notes', remote, 300);
        const keys = Object.keys(chunks);
        const area: Record<string, unknown> = { ...chunks };
        const hit = keys.length > 0 ? chunkKey('notes', which % keys.length) : null;
        if (hit !== null) {
          if (how === 'missing') delete area[hit];
          else if (how === 'garbage') area[hit] = '{"v":1,"e":[[';
          else if (how === 'wrong-version') area[hit] = { v: 99, e: [] };
          else area[hit] = { v: 1, e: [...(chunks[hit]?.e ?? []), ['x', -1, '', 'bad']] };
        }
        const read = readKind('notes', area, check);
        if (hit !== null && how !== 'missing') expect(read.problems.map((p) => p.key)).toContain(hit);
        const merged = merge(local, read.replica);
        for (const [key, mine] of Object.entries(local)) {
          const result = merged[key];
          // Kept, or replaced by a newer change that the remote really holds.
          expect(result).toBeDefined();
          if (result !== undefined && compareEntries(result, mine) !== 0) {
            expect(compareEntries(result, mine)).toBeGreaterThan(0);
            expect(remote[key]).toEqual(result);
          }
        }
      }),
    );
  });

  it('skips values the kind refuses without dropping the rest of the chunk', () => {
    const area = {
      'loupe.notes.0': {
        v: 1,
        e: [
          ['good', 1, 'dev-a', 'ok'],
          ['evil', 1, 'dev-a', { __proto__: 1 }],
          ['__proto__', 1, 'dev-a', 'x'],
        ],
      },
    };
    const read = readKind('notes', area, (_id, v) => (typeof v === 'string' ? v : undefined));
    expect(liveValues(read.replica)).toEqual({ good: 'ok' });
    expect(read.problems).toHaveLength(1);
  });
});

describe('stamping the local copy', () => {
  const options = { now: 1_000, device: 'dev-a', adopted: true, firstTime: () => 1 };

  it('keeps the stamp of an unchanged entry, and an edit or deletion beats what it replaced', () => {
    fc.assert(
      fc.property(replica, fc.dictionary(id, value), fc.integer({ min: 0, max: 10 }), (before, local, now) => {
        const known = knownOf(before);
        const stamped = stampLocal(local, known, { ...options, now });
        for (const [key, entryNow] of Object.entries(stamped)) {
          const old = before[key];
          if (old === undefined) continue;
          const unchanged = key in local ? !old.del && JSON.stringify(old.v) === JSON.stringify(local[key]) : old.del;
          if (unchanged) expect(compareEntries(entryNow, old)).toBe(0);
          else expect(entryNow.t).toBeGreaterThan(old.t);
        }
        expect(liveValues(stamped)).toEqual(local);
      }),
    );
  });

  it('stamps entries a device had before sync with their first time, so untouched defaults lose', () => {
    const stamped = stampLocal(
      { a: 'default', b: 'custom' },
      {},
      { ...options, adopted: false, firstTime: (key) => (key === 'a' ? 0 : 1) },
    );
    const published = { a: { t: 1, d: 'dev-z', v: 'theirs' }, b: { t: 1, d: 'dev-0', v: 'theirs' } };
    expect(liveValues(merge(stamped, published))).toEqual({ a: 'theirs', b: 'custom' });
  });
});
