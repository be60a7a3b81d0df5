import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dossier, dossierClientJobs, dossierFacts, recordDossierJobs } from '../../../lib/background/dossier';
import { createPowerHandlers } from '../../../lib/background/handlers/power';
import { HELD_WRITE_DELAY_MS } from '../../../lib/background/held-doc';
import { seenJobs } from '../../../lib/background/seen-jobs';
import { makeJob } from './job-fixture';

const NOW = Date.UTC(2026, 10, 29, 12);
const job = (id: string, title = `Job ${id}`) =>
  makeJob({ id, title, publishedAt: new Date(NOW - 86_400_000).toISOString() }, { companyUid: 'client-a' });
const stored = async () => (await fakeBrowser.storage.local.get('dossier')).dossier as { id: string }[] | undefined;

describe('what the worker holds in memory: the client dossier and seen jobs', () => {
  beforeEach(() => {
    dossier.forget();
    seenJobs.forget();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    dossier.forget();
    vi.useRealTimers();
  });

  it('answers from memory at once and writes many pages’ jobs in one write, a moment later', async () => {
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await recordDossierJobs([job('1', 'Shopify theme fix')], NOW);
    await recordDossierJobs([job('2', 'Shopify theme fix!')], NOW + 1);
    expect(await dossierFacts(['2'], NOW + 2)).toMatchObject({ 2: { reposts: 1 } });
    expect((await dossierClientJobs('1')).map((other) => other.id)).toEqual(['2']);
    expect(set).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(HELD_WRITE_DELAY_MS);
    expect(set).toHaveBeenCalledTimes(1);
    expect((await stored())?.map((entry) => entry.id)).toEqual(['1', '2']);
  });

  it('reads and checks storage once while the worker runs, and a new worker finds what the last one wrote', async () => {
    await recordDossierJobs([job('1')], NOW);
    await dossier.flush();
    dossier.forget(); // a new worker
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    await recordDossierJobs([job('2')], NOW + 1);
    await dossierFacts(['1', '2'], NOW + 2);
    await dossierClientJobs('1');
    expect(get.mock.calls.filter(([keys]) => JSON.stringify(keys).includes('dossier'))).toHaveLength(1);
    await dossier.flush();
    expect((await stored())?.map((entry) => entry.id)).toEqual(['1', '2']);
  });

  it('takes a stored copy that fails its check for empty and replaces it', async () => {
    await fakeBrowser.storage.local.set({ dossier: [{ id: '9', token: 'planted' }] });
    await recordDossierJobs([job('1')], NOW);
    await dossier.flush();
    expect(await stored()).toEqual([expect.objectContaining({ id: '1', client: 'client-a' })]);
  });

  it('never overwrites a copy it could not read', async () => {
    await fakeBrowser.storage.local.set({ dossier: [{ id: 'kept' }] });
    const get = vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValueOnce(new Error('storage is failing'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await recordDossierJobs([job('1')], NOW);
    expect(await dossierFacts(['1'], NOW)).toHaveProperty('1');
    await dossier.flush();
    get.mockRestore();
    expect(await stored()).toEqual([{ id: 'kept' }]);
    expect(warn).toHaveBeenCalled();
  });

  it('keeps seen jobs the same way: answers at once, writes once, and only a new job changes them', async () => {
    const handlers = createPowerHandlers({ now: () => 100 });
    const context = { sender: 'content-script' as const };
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await handlers['power.markSeen']?.({ ids: ['1', '2'] }, context);
    await handlers['power.markSeen']?.({ ids: ['2'] }, context);
    // The page asks about its own tiles only.
    expect(await handlers['power.seenJobs']?.({ ids: ['2', '3', '1'] }, context)).toEqual({
      seen: [
        ['2', 100],
        ['1', 100],
      ],
    });
    expect(set).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(HELD_WRITE_DELAY_MS);
    expect(set).toHaveBeenCalledTimes(1);
    expect((await fakeBrowser.storage.local.get('seenJobs')).seenJobs).toEqual([
      ['1', 100],
      ['2', 100],
    ]);
  });

  it('writes nothing for a change that keeps the value, and a change that throws leaves it as it was', async () => {
    await recordDossierJobs([job('1')], NOW);
    await dossier.flush();
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await expect(dossier.update((entries) => entries)).resolves.toHaveLength(1);
    await expect(
      dossier.update(() => {
        throw new Error('a bug');
      }),
    ).rejects.toThrow('a bug');
    await vi.advanceTimersByTimeAsync(HELD_WRITE_DELAY_MS);
    expect(set).not.toHaveBeenCalled();
    expect((await dossier.get()).map((entry) => entry.id)).toEqual(['1']);
    await recordDossierJobs([job('2')], NOW + 1);
    expect((await dossier.get()).map((entry) => entry.id)).toEqual(['1', '2']);
  });
});
