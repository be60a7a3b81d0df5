import type { Handlers } from '../../messaging/router';
import type { Alerts } from '../alerts/service';

/** Job alert messages; the work is in lib/background/alerts (service.ts). */
export function alertsHandlers(alerts: () => Alerts): Handlers {
  return {
    'alerts.list': () => alerts().list(),
    'alerts.saveSearch': (request) => alerts().saveSearch(request),
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
