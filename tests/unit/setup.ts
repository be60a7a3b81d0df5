// IndexedDB for code that caches through idb-keyval; WXT's fake browser is reset between tests.
import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetHeldDocs } from '../../lib/background/held-doc';

beforeEach(() => {
  fakeBrowser.reset();
  forgetHeldDocs(); // what a worker holds in memory goes with the storage it came from
});
