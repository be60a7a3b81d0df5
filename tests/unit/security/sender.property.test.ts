import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifySender } from '../../../lib/messaging/sender';
import { OWN_ID, OWN_ORIGIN } from './support';

describe('sender classification', () => {
  it('gives the content-script role only to our own id, in a tab, on https://www.upwork.com/', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(OWN_ID), fc.string({ maxLength: 40 })),
        fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string(), fc.constant(undefined)),
        fc.option(fc.record({ id: fc.integer() }), { nil: undefined }),
        (id, url, tab) => {
          const kind = classifySender({ id, url, tab }, OWN_ID, OWN_ORIGIN);
          if (kind !== undefined) expect(id).toBe(OWN_ID);
          if (kind === 'content-script') {
            expect(tab).toBeDefined();
            expect(new URL(url as string).origin).toBe('https://www.upwork.com');
          }
          if (kind === 'extension-page') expect(new URL(url as string).origin).toBe(OWN_ORIGIN.slice(0, -1));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
