import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../sandbox/data/generate';
import { loadDatasetFile } from '../../sandbox/data/load';
import { startSandbox } from '../../sandbox/server';
import { graphql, signIn } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'loupe-sandbox-data-'));
const EXAMPLE = new URL('../../sandbox/data/example.json', import.meta.url);

describe('generated data', () => {
  const dataset = generateDataset(1);

  it('is the same for the same seed and differs for another', () => {
    expect(generateDataset(1)).toEqual(dataset);
    expect(generateDataset(2).jobs.map((j) => j.id)).not.toEqual(dataset.jobs.map((j) => j.id));
  });

  it('has the sizes and the awkward values the brief asks for', () => {
    expect(dataset.clients).toHaveLength(60);
    expect(dataset.jobs).toHaveLength(400);
    expect(dataset.freelancers).toHaveLength(40);
    expect(new Set(dataset.jobs.map((j) => j.id)).size).toBe(400);
    expect(dataset.jobs.every((j) => /^\d{19}$/.test(j.id))).toBe(true);
    expect(dataset.freelancers.every((f) => /^~01[0-9a-z]{18}$/.test(f.profileKey))).toBe(true);
    const titles = dataset.jobs.map((j) => j.title);
    expect(titles).toContain('');
    expect(titles.some((t) => t.length > 300)).toBe(true);
    expect(titles.some((t) => t.includes('<img src=x onerror=alert(1)>'))).toBe(true);
    expect(titles.some((t) => /[\u3040-\u30ff]/.test(t))).toBe(true);
    expect(titles.some((t) => /[\u0600-\u06ff]/.test(t))).toBe(true);
    expect(titles.some((t) => /[\u0400-\u04ff]/.test(t))).toBe(true);
    expect(dataset.clients.some((c) => c.totalSpent === 0)).toBe(true);
    expect(dataset.clients.some((c) => c.totalSpent > 10_000_000)).toBe(true);
    expect(dataset.clients.some((c) => c.rating === null)).toBe(true);
    expect(dataset.freelancers.some((f) => f.hideEarnings) && dataset.freelancers.some((f) => f.hideJss)).toBe(true);
    expect(dataset.user.organizations.length).toBeGreaterThanOrEqual(2);
  });
});

describe('data files', () => {
  const sandboxes: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(sandboxes.map((s) => s.close()));
  });

  it('loads a valid file and serves it, with its own OAuth client added to the built-in ones', async () => {
    const sandbox = await startSandbox({
      port: 0,
      dataFile: EXAMPLE.pathname,
      autoApprove: true,
      quiet: true,
      ratePerSecond: 1000,
      searchDivergence: false,
    });
    sandboxes.push(sandbox);
    const file = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { jobs: { id: string; title: string }[] };
    expect(sandbox.dataset.jobs.map((j) => j.id)).toEqual(file.jobs.map((j) => j.id));
    expect(sandbox.dataset.oauthClients.map((c) => c.clientId)).toEqual(['my-own-key', 'loupe-demo', 'loupe-secret']);
    const { access_token } = await signIn(sandbox);
    const answer = await graphql(sandbox, access_token, '{ marketplaceJobPostingsSearch { totalCount edges { node { title } } } }');
    expect(answer.json().data).toMatchObject({ marketplaceJobPostingsSearch: { totalCount: file.jobs.length } });
  });

  it('rejects a bad file with the path of the field', () => {
    const bad = generateDataset(3, { clients: 2, jobs: 4, freelancers: 1 }) as unknown as { jobs: Record<string, unknown>[] };
    (bad.jobs[2] as Record<string, unknown>).jobType = 'WEEKLY';
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(bad));
    expect(() => loadDatasetFile(path)).toThrow(/jobs\[2\]\.jobType/);
    return expect(startSandbox({ port: 0, dataFile: path, quiet: true })).rejects.toThrow(/jobs\[2\]\.jobType/);
  });

  it('rejects broken JSON, unknown fields and dangling client ids', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"version": 1,');
    expect(() => loadDatasetFile(broken)).toThrow(/Could not read/);
    const extra = generateDataset(3, { clients: 2, jobs: 2, freelancers: 1 }) as unknown as Record<string, unknown>;
    (extra.user as Record<string, unknown>).nickname = 'x';
    writeFileSync(join(dir, 'extra.json'), JSON.stringify(extra));
    expect(() => loadDatasetFile(join(dir, 'extra.json'))).toThrow(/user/);
    const dangling = generateDataset(3, { clients: 2, jobs: 2, freelancers: 1 });
    (dangling.jobs[1] as { clientId: string }).clientId = 'ghost';
    writeFileSync(join(dir, 'dangling.json'), JSON.stringify(dangling));
    expect(() => loadDatasetFile(join(dir, 'dangling.json'))).toThrow(/jobs\[1\]\.clientId/);
  });
});
