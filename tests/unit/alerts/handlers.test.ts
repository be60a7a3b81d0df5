import { describe, expect, it } from 'vitest';
import { healthWords, pickReport } from '../../../components/popup/PageHealthLine';
import { alertsHandlers } from '../../../lib/background/handlers/alerts';
import { createRouter } from '../../../lib/messaging/router';
import { freshWorldEachTest, harness } from './harness';

const identity = { id: 'loupe-id', origin: 'chrome-extension://loupe-id/' };
const page = { id: identity.id, url: 'https://www.upwork.com/nx/search/jobs/?q=react', tab: { id: 4 } };
const popup = { id: identity.id, url: `${identity.origin}popup.html` };
const envelope = (type: string, payload: unknown) => ({ loupe: 1, type, payload });

freshWorldEachTest();

describe('alert messages', () => {
  it('lets a search page save its search, at the default interval only, and nothing else', async () => {
    const { alerts } = harness();
    const route = createRouter(
      alertsHandlers(() => alerts),
      identity,
    );
    const saved = await route(envelope('alerts.saveSearch', { query: 'react\u0000  native', intervalMinutes: 5 }), page);
    expect(saved).toMatchObject({ ok: true, data: { created: true, search: { query: 'react native', intervalMinutes: 15 } } });
    for (const type of ['alerts.list', 'alerts.pollNow', 'alerts.markRead', 'alerts.deleteSearch']) {
      const reply = await route(envelope(type, type === 'alerts.deleteSearch' ? { id: 'x' } : {}), page);
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    const fromPopup = await route(envelope('alerts.saveSearch', { query: 'vue', intervalMinutes: 5 }), popup);
    expect(fromPopup).toMatchObject({ ok: true, data: { search: { intervalMinutes: 5 } } });
  });

  it('refuses intervals under 5 minutes, unknown filters and unknown searches, in words', async () => {
    const { alerts } = harness();
    const route = createRouter(
      alertsHandlers(() => alerts),
      identity,
    );
    expect(await route(envelope('alerts.saveSearch', { query: 'react', intervalMinutes: 1 }), popup)).toMatchObject({
      ok: false,
      error: { code: 'bad-message' },
    });
    expect(await route(envelope('alerts.saveSearch', { query: 'react', filters: { sort: 'x' } }), popup)).toMatchObject({
      ok: false,
      error: { code: 'bad-message' },
    });
    const missing = await route(envelope('alerts.updateSearch', { id: 'nope', muted: true }), popup);
    expect(missing).toMatchObject({ ok: false, error: { code: 'bad-message', message: expect.stringContaining('no longer exists') } });
  });
});

describe('the popup’s page-health line', () => {
  const report = (url: string, at: number, landmarks: Record<string, boolean>, disabledFeatures: string[] = []) => ({
    page: 'job-search',
    url,
    landmarks,
    disabledFeatures,
    at,
  });

  it('prefers the active tab’s page, else the newest report, and names what is missing', () => {
    const a = report('https://www.upwork.com/nx/search/jobs/?q=a', 1, { tileList: true, jobTile: true });
    const b = report('https://www.upwork.com/nx/search/jobs/?q=b', 2, { tileList: true, jobTile: false }, ['job-tile-client-panel']);
    expect(pickReport([a, b], 'https://www.upwork.com/nx/search/jobs/?q=a#top')).toEqual({ report: a, here: true });
    expect(pickReport([a, b], null)).toEqual({ report: b, here: false });
    expect(pickReport([], null)).toBeNull();
    expect(healthWords(a)).toEqual({ text: 'all 2 page landmarks found', ok: true });
    expect(healthWords(b)).toEqual({
      text: 'Upwork’s page changed: 1 of 2 landmarks not found (jobTile); switched off here: job-tile-client-panel',
      ok: false,
    });
  });
});
