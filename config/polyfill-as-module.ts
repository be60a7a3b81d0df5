import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Bundles webextension-polyfill (a UMD file) as an ES module with one default export. Imported as
 * CommonJS, the bundler's interop copies every property of the polyfill's export onto a namespace
 * object; where the browser has its own `browser` object, that is the export, and reading each
 * property's descriptor makes Chrome build every extension API binding: ~5 ms of each content
 * script's first run and of each worker start, for a default import that needs none of it.
 */
export function polyfillAsModule() {
  const file = createRequire(import.meta.url).resolve('webextension-polyfill');
  return {
    name: 'loupe:polyfill-as-module',
    enforce: 'pre' as const,
    load(id: string): string | null {
      if (id !== file) return null;
      // The UMD wrapper sees `exports` and `module` and hands its factory this module object.
      return [
        'const module = { exports: {} };',
        '(function (exports, module) {',
        readFileSync(file, 'utf8'),
        '})(module.exports, module);',
        'export default module.exports;',
      ].join('\n');
    },
  };
}
