import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPowerHandlers } from '../../../lib/background/handlers/power';
import type { HandlerContext } from '../../../lib/messaging/router';
import { defaultSettings } from '../../../lib/settings/schema';
import { settingsDoc } from '../../../lib/settings/store';

const context: HandlerContext = { sender: 'content-script', tabId: 1 };

function powerState() {
  const handlers = createPowerHandlers();
  return {
    read: async () => {
      const answer = await handlers['power.state']?.({}, context);
      if (!answer) throw new Error('no power.state handler');
      return answer;
    },
    saveNote: (text: string) =>
      handlers['power.saveNote']?.({ target: 'client', key: '1234567890', text, tags: '', label: 'A client' }, context),
  };
}

describe("'power.state' in the worker", () => {
  it('reads storage once for many pages, until something changes', async () => {
    const state = powerState();
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    await state.read();
    const reads = get.mock.calls.length;
    expect(reads).toBeGreaterThan(0);
    await state.read();
    await state.read();
    expect(get.mock.calls.length).toBe(reads);
  });

  it('answers with a change saved from another context', async () => {
    const state = powerState();
    expect((await state.read()).settings.score.weights.rating).toBe(defaultSettings().score.weights.rating);
    const settings = defaultSettings();
    settings.score.weights.rating = 9;
    await settingsDoc.write(settings);
    await vi.waitFor(async () => expect((await state.read()).settings.score.weights.rating).toBe(9));
  });

  it('answers with a note the worker itself just saved', async () => {
    const state = powerState();
    await state.read();
    await state.saveNote('Pays late');
    expect(JSON.stringify((await state.read()).notes)).toContain('Pays late');
  });
});
