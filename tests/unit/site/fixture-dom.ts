import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// Vitest runs from the repository root; under happy-dom import.meta.url is not a file URL.
const FIXTURES = resolve(process.cwd(), 'tests/fixtures/pages');

/** Parses a saved page from tests/fixtures/pages into its own Document (happy-dom). */
export function loadFixture(name: string): Document {
  return new DOMParser().parseFromString(readFileSync(resolve(FIXTURES, name), 'utf8'), 'text/html');
}

/** Replaces the live document's content with a saved page, for code that works on `document`. */
export function showFixture(name: string): void {
  const parsed = loadFixture(name);
  const root = document.documentElement;
  for (const attribute of [...root.attributes]) root.removeAttribute(attribute.name);
  for (const attribute of parsed.documentElement.attributes) root.setAttribute(attribute.name, attribute.value);
  document.head.replaceChildren(...[...parsed.head.childNodes].map((node) => document.importNode(node, true)));
  document.body.replaceChildren(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
}
