import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DOSSIER_WRITE_DELAY_MS,
  dossierClientJobs,
  dossierFacts,
  flushDossier,
  forgetDossierForTests,
  recordDossierJobs,
} from '../../../lib/background/dossier';
import { makeJob } from './job-fixture';

const NOW = Date.UTC(2026, 10, 29, 12);
const job = (id: string, title = `Job ${id}`) =>
  makeJob({ id, title, publishedAt: new Date(NOW - 86_400_000).toISOString() }, { companyUid: 'client-a' });
const stored = async () => (await fakeBrowser.storage.local.get('dossier')).dossier as { id: string }[] | undefined;

describe('the worker’s client dossier store', () => {
  beforeEach(() => {
    forgetDossierForTests();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    forgetDossierForTests();
    vi.useRealTimers();
  });

  it('answers from memory at once and writes many pages’ jobs in one write, a moment later', async () => {
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await recordDossierJobs([job('1', 'Shopify theme fix')], NOW);
    await recordDossierJobs([job('2', 'Shopify theme fix!')], NOW + 1);
    expect(await dossierFacts(['2'], NOW + 2)).toMatchObject({ 2: { reposts: 1 } });
    expect((await dossierClientJobs('1')).map((other) => other.id)).toEqual(['2']);
    expect(set).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(DOSSIER_WRITE_DELAY_MS);
    expect(set).toHaveBeenCalledTimes(1);
    expect((await stored())?.map((entry) => entry.id)).toEqual(['1', '2']);
  });

  it('reads and checks storage once while the worker runs, and a new worker finds what the last one wrote', async () => {
    await recordDossierJobs([job('1')], NOW);
    await flushDossier();
    forgetDossierForTests(); // a new worker
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    await recordDossierJobs([job('2')], NOW + 1);
    await dossierFacts(['1', '2'], NOW + 2);
    await dossierClientJobs('1');
    expect(get.mock.calls.filter(([keys]) => JSON.stringify(keys).includes('dossier'))).toHaveLength(1);
    await flushDossier();
    expect((await stored())?.map((entry) => entry.id)).toEqual(['1', '2']);
  });

  it('takes a stored copy that fails its check for empty and replaces it', async () => {
    await fakeBrowser.storage.local.set({ dossier: [{ id: '9', token: 'planted' }] });
    await recordDossierJobs([job('1')], NOW);
    await flushDossier();
    expect(await stored()).toEqual([expect.objectContaining({ id: '1', client: 'client-a' })]);
  });

  it('never overwrites a copy it could not read', async () => {
    await fakeBrowser.storage.local.set({ dossier: [{ id: 'kept' }] });
    const get = vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValueOnce(new Error('storage is failing'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await recordDossierJobs([job('1')], NOW);
    expect(await dossierFacts(['1'], NOW)).toHaveProperty('1');
    await flushDossier();
    get.mockRestore();
    expect(await stored()).toEqual([{ id: 'kept' }]);
    expect(warn).toHaveBeenCalled();
  });
});
