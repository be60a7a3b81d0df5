import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { vetted } from '../../../lib/messaging/vetted';

const inner = z.strictObject({
  id: z.string().regex(/^\d+$/),
  tags: z.array(z.string().max(5)),
  client: z.strictObject({ n: z.number().int() }),
});

describe('vetted', () => {
  it('checks a value once, freezes it all the way down, and passes it again without a walk', () => {
    const schema = vetted(inner);
    const value = { id: '1', tags: ['a'], client: { n: 2 } };
    const walk = vi.spyOn(inner, 'safeParse');
    expect(schema.safeParse(value)).toEqual({ success: true, data: value });
    expect(schema.parse(value)).toBe(value);
    expect(walk).toHaveBeenCalledTimes(1);
    expect(Object.isFrozen(value) && Object.isFrozen(value.tags) && Object.isFrozen(value.client)).toBe(true);
    expect(() => {
      (value.client as { n: number; token?: string }).token = 'x';
    }).toThrow(TypeError);
    walk.mockRestore();
  });

  it('refuses what the schema refuses: an extra field, a wrong type, a check that fails, no object', () => {
    const schema = vetted(inner);
    for (const bad of [
      { id: '1', tags: [], client: { n: 1 }, token: 'x' },
      { id: '1', tags: [], client: { n: 1, extra: true } },
      { id: 'x', tags: [], client: { n: 1 } },
      { id: '1', tags: ['toolong'], client: { n: 1 } },
      { id: '1', tags: [], client: { n: 1.5 } },
      null,
      'text',
    ])
      expect(schema.safeParse(bad).success).toBe(false);
  });

  it('freezes the parts of a value someone else froze only at the top', () => {
    const value = Object.freeze({ id: '1', tags: ['a'], client: { n: 2 } });
    vetted(inner).parse(value);
    expect(Object.isFrozen(value.client) && Object.isFrozen(value.tags)).toBe(true);
  });

  it('checks an equal value that is another object afresh', () => {
    const schema = vetted(inner);
    schema.parse({ id: '1', tags: [], client: { n: 1 } });
    const walk = vi.spyOn(inner, 'safeParse');
    const other = { id: '1', tags: [], client: { n: 1 } };
    expect(schema.safeParse(other).success).toBe(true);
    expect(walk).toHaveBeenCalledTimes(1);
    walk.mockRestore();
  });

  it('keeps the fields readable to toJSONSchema, which the contract tests walk', () => {
    const json = JSON.stringify(z.toJSONSchema(vetted(inner), { io: 'output', unrepresentable: 'any' }));
    expect(json).toContain('"client"');
    expect(json).toContain('"tags"');
  });
});
