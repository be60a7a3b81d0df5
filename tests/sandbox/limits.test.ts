import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { graphql, signIn, sleep } from './helpers';

let sandbox: Sandbox;
let daily: Sandbox;

beforeAll(async () => {
  [sandbox, daily] = await Promise.all([
    startSandbox({ port: 0, autoApprove: true, quiet: true, searchDivergence: false }),
    startSandbox({ port: 0, autoApprove: true, quiet: true, ratePerSecond: 1000, dailyLimit: 3 }),
  ]);
});
afterAll(async () => {
  await Promise.all([sandbox?.close(), daily?.close()]);
});

describe('rate limit per IP', () => {
  it('lets 10 requests through in a second and answers the 11th with 429', async () => {
    // Token requests do not count: the window starts empty.
    const { access_token } = await signIn(sandbox);
    // All at once, so a busy machine cannot spread them over more than a second.
    const statuses = await Promise.all(
      Array.from({ length: 11 }, () => graphql(sandbox, access_token, '{ user { id } }').then((a) => a.status)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    const limited = await graphql(sandbox, access_token, '{ user { id } }');
    expect(limited.json()).toEqual({ message: 'Too Many Requests' });
    expect(limited.headers.get('retry-after')).toBeNull();
    await sleep(1000);
    expect((await graphql(sandbox, access_token, '{ user { id } }')).status).toBe(200);
    expect(sandbox.requestLog.filter((e) => e.status === 429).length).toBe(2);
  });
});

describe('daily limit per key', () => {
  it('answers 429 naming the daily limit once the key used its allowance', async () => {
    const { access_token } = await signIn(daily);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await graphql(daily, access_token, '{ user { id } }')).status);
    expect(statuses).toEqual([200, 200, 200]);
    const over = await graphql(daily, access_token, '{ user { id } }');
    expect(over.status).toBe(429);
    expect((over.json() as unknown as { message: string }).message).toMatch(/daily limit/i);
    // Another key still has its own allowance.
    const other = await signIn(daily, 'loupe-secret', 's3cret-demo');
    expect((await graphql(daily, other.access_token, '{ user { id } }')).status).toBe(200);
  });
});
