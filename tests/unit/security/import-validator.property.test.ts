import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backupToJson, makeBackup } from '../../../lib/power/export';
import { checkBackupText, IMPORT_MAX_DEPTH, IMPORT_MAX_STRING, importBackup } from '../../../lib/power/import';
import { normalizeTags } from '../../../lib/power/notes';
import { defaultSettings } from '../../../lib/settings/schema';
import { type PowerData, readPowerData, writePowerData } from '../../../lib/settings/store';
import { at, objectPaths } from './support';

/**
 * A settings import with prototype-pollution keys, huge strings or deep nesting is refused
 * with words and changes nothing, wherever in the file the bad part sits; and a good backup brings
 * back every note and blocked client exactly, markup and all (it is shown as text, never parsed).
 */

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'] as const;

/** Text users really type into notes, plus the kinds of text an attacker would. */
const userText = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength, unit: 'binary' }),
    fc.constantFrom(
      '<img src=x onerror="alert(1)">',
      '<script>document.title="pwned"</script>',
      '"; DROP TABLE notes; --',
      '=HYPERLINK("http://evil.example")',
      '__proto__',
      '{"__proto__":{"polluted":true}}',
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
      'Pays on time 👍 — große Firma',
    ),
  );

const note = fc.record({
  target: fc.constantFrom('client' as const, 'job' as const),
  key: fc.string({ minLength: 1, maxLength: 40 }).filter((key) => key.trim() !== ''),
  text: userText(2_000),
  // As the notes editor stores them (trimmed, no duplicates).
  tags: fc.array(fc.string({ minLength: 1, maxLength: 40 }), { maxLength: 5 }).map((tags) => normalizeTags(tags)),
  label: userText(200),
  updatedAt: fc.nat(),
});

const blocked = fc.record({
  clientId: fc.string({ minLength: 1, maxLength: 40 }),
  label: userText(200),
  reason: userText(200),
  addedAt: fc.nat(),
});

const powerData: fc.Arbitrary<PowerData> = fc
  .record({
    notes: fc.uniqueArray(note, { maxLength: 8, selector: (entry) => `${entry.target}:${entry.key}` }),
    clients: fc.uniqueArray(blocked, { maxLength: 8, selector: (entry) => entry.clientId }),
  })
  .map(({ notes, clients }) => ({
    settings: defaultSettings(),
    notes: { entries: notes },
    blockList: { clients },
    savedSearches: { searches: [] },
  }));

/** Paths of every leaf (string, number, boolean, null) in a JSON value. */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leafPaths(item, [...path, index]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, child]) => leafPaths(child, [...path, key]));
  return [path];
}

function setAt(root: unknown, path: (string | number)[], value: unknown): void {
  const parent = at(root, path.slice(0, -1));
  parent[path.at(-1) as string] = value;
}

/** A valid backup of `data` as a plain JSON value, ready to be tampered with. */
function backupValue(data: PowerData): unknown {
  return JSON.parse(backupToJson(makeBackup(data, new Date(0))));
}

/** JSON text nested `depth` levels (arrays and objects in turn, as `kinds` says), built as text: JSON.stringify would overflow. */
function nestedText(depth: number, kinds: boolean[]): string {
  let open = '';
  let close = '';
  for (let level = 0; level < depth; level += 1) {
    const array = kinds[level % kinds.length];
    open += array ? '[' : '{"x":';
    close = (array ? ']' : '}') + close;
  }
  return `${open}1${close}`;
}

async function storageSnapshot(): Promise<Record<string, unknown>> {
  return structuredClone(await fakeBrowser.storage.local.get(null));
}

describe('import validator properties', () => {
  it('refuses a forbidden key planted anywhere in a valid backup, names its path, and writes nothing', async () => {
    await writePowerData({
      settings: defaultSettings(),
      notes: { entries: [] },
      blockList: { clients: [] },
      savedSearches: { searches: [] },
    });
    const before = await storageSnapshot();
    await fc.assert(
      fc.asyncProperty(
        powerData,
        fc.nat(),
        fc.constantFrom(...FORBIDDEN),
        fc.jsonValue({ maxDepth: 2 }),
        fc.constantFrom('merge' as const, 'replace' as const),
        async (data, pick, key, planted, mode) => {
          const value = backupValue(data);
          const paths = objectPaths(value);
          const path = paths[pick % paths.length] as (string | number)[];
          // An own property named __proto__, as JSON.parse makes it from a file.
          Object.defineProperty(at(value, path), key, { value: planted, enumerable: true, configurable: true, writable: true });
          const text = JSON.stringify(value);
          expect(text).toContain(`"${key}":`);

          const check = checkBackupText(text);
          expect(check.ok).toBe(false);
          if (check.ok) return;
          const expectedPath = [...path, key]
            .map((step) => (typeof step === 'number' ? `[${step}]` : step))
            .join('.')
            .replace(/\.\[/g, '[');
          expect(check.errors).toContainEqual({ path: expectedPath, message: 'this key is not allowed in a Loupe file' });

          expect((await importBackup(text, mode)).ok).toBe(false);
          expect(await storageSnapshot()).toEqual(before);
          expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses nesting deeper than the limit wherever it sits, before parsing the file', () => {
    const parse = vi.spyOn(JSON, 'parse');
    fc.assert(
      fc.property(
        powerData,
        fc.nat(),
        fc.integer({ min: IMPORT_MAX_DEPTH + 1, max: 20_000 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
        (data, pick, depth, kinds) => {
          const value = backupValue(data);
          const leaves = leafPaths(value);
          setAt(value, leaves[pick % leaves.length] as (string | number)[], 'NESTED-HERE');
          const text = JSON.stringify(value).replace('"NESTED-HERE"', nestedText(depth, kinds));
          parse.mockClear();
          const check = checkBackupText(text);
          expect(check).toEqual({
            ok: false,
            errors: [
              {
                path: '(the whole file)',
                message: `The file is nested more than ${IMPORT_MAX_DEPTH} levels deep; a Loupe backup never is.`,
              },
            ],
          });
          expect(parse).not.toHaveBeenCalled();
        },
      ),
      { numRuns: 60 },
    );
    parse.mockRestore();
  });

  it('refuses a text longer than the limit in any value or key, before parsing the file', () => {
    const parse = vi.spyOn(JSON, 'parse');
    fc.assert(
      fc.property(
        powerData,
        fc.nat(),
        fc.integer({ min: IMPORT_MAX_STRING + 1, max: IMPORT_MAX_STRING * 3 }),
        fc.constantFrom('a', '<', '"', '\\', '\u0000', '😀'),
        fc.boolean(),
        (data, pick, length, unit, asKey) => {
          const value = backupValue(data);
          const huge = unit.repeat(Math.ceil(length / unit.length));
          if (asKey) {
            const paths = objectPaths(value);
            at(value, paths[pick % paths.length] as (string | number)[])[huge] = 1;
          } else {
            const leaves = leafPaths(value);
            setAt(value, leaves[pick % leaves.length] as (string | number)[], huge);
          }
          const text = JSON.stringify(value);
          parse.mockClear();
          expect(checkBackupText(text)).toEqual({
            ok: false,
            errors: [
              {
                path: '(the whole file)',
                message: `A text in the file is longer than ${IMPORT_MAX_STRING.toLocaleString('en-US')} characters.`,
              },
            ],
          });
          expect(parse).not.toHaveBeenCalled();
        },
      ),
      { numRuns: 40 },
    );
    parse.mockRestore();
  });

  it('brings back every note and blocked client exactly, markup included, and a second merge changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(powerData, async (data) => {
        await fakeBrowser.storage.local.clear();
        await writePowerData(data);
        const expected = await readPowerData();
        const file = backupToJson(makeBackup(expected, new Date()));

        await fakeBrowser.storage.local.clear();
        expect(await importBackup(file, 'replace')).toMatchObject({ ok: true });
        const restored = await readPowerData();
        expect(restored.notes).toEqual(expected.notes);
        expect(restored.blockList).toEqual(expected.blockList);

        expect(await importBackup(file, 'merge')).toMatchObject({ ok: true });
        expect(await readPowerData()).toEqual(restored);
      }),
      { numRuns: 60 },
    );
  });
});
