import { describe, expect, it, vi } from 'vitest';
import { batched } from '../../../lib/helpers/batch';

const squares = (keys: string[]) => Promise.resolve(new Map(keys.map((key) => [key, Number(key) ** 2])));

describe('batched', () => {
  it('sends the keys asked for in one task as one call, and answers each caller', async () => {
    const ask = vi.fn(squares);
    const get = batched(ask);
    const answers = await Promise.all(['1', '2', '3', '2'].map(get));
    expect(answers).toEqual([1, 4, 9, 4]);
    expect(ask).toHaveBeenCalledTimes(1);
    expect(ask).toHaveBeenCalledWith(['1', '2', '3']);
  });

  it('splits a large gathering into calls of at most `max` keys', async () => {
    const ask = vi.fn(squares);
    const get = batched(ask, 2);
    await Promise.all(['1', '2', '3', '4', '5'].map(get));
    expect(ask.mock.calls.map(([keys]) => keys)).toEqual([['1', '2'], ['3', '4'], ['5']]);
  });

  it('starts a new call for keys asked for after the first was sent', async () => {
    const ask = vi.fn(squares);
    const get = batched(ask);
    await get('1');
    await get('2');
    expect(ask).toHaveBeenCalledTimes(2);
  });

  it('answers undefined for a key the answer left out, and passes a failure to every caller of its call', async () => {
    const get = batched((keys) => Promise.resolve(new Map(keys.filter((key) => key !== '2').map((key) => [key, key]))));
    expect(await Promise.all([get('1'), get('2')])).toEqual(['1', undefined]);
    const failing = batched(() => Promise.reject(new Error('worker gone')));
    await expect(Promise.all([failing('1'), failing('2')])).rejects.toThrow('worker gone');
  });
});
