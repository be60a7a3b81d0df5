import type { Handlers } from '../../messaging/router';
import type { Alerts } from '../alerts/service';

/** Job alert messages; the work is in lib/background/alerts (service.ts). */
export function alertsHandlers(alerts: () => Alerts): Handlers {
  return {
    'alerts.list': () => alerts().list(),
    // A page can only ask for the default interval: a subverted content script must not be able to
    // fill the day's request budget with fast-polling searches (the popup and options pages can).
    'alerts.saveSearch': (request, context) =>
      alerts().saveSearch(context.sender === 'content-script' ? { ...request, intervalMinutes: undefined } : request),
    'alerts.updateSearch': async (request) => ({ search: await alerts().updateSearch(request) }),
    'alerts.deleteSearch': async ({ id }) => {
      await alerts().deleteSearch(id);
      return { ok: true as const };
    },
    'alerts.markRead': async ({ jobIds }) => ({ unread: await alerts().markRead(jobIds) }),
    // Still one search per saved search through the queue at background priority, within the budget.
    'alerts.pollNow': async ({ id }) => ({ results: id ? [await alerts().check(id, 'manual')] : await alerts().checkAll() }),
  };
}
