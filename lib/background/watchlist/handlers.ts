import type { Handlers } from '../../messaging/router';
import type { Watchlist } from './service';

export function watchlistHandlers(watchlist: () => Watchlist): Handlers {
  return {
    'watchlist.list': () => watchlist().view(),
    'watchlist.which': async ({ ids }) => ({ watched: await watchlist().which(ids) }),
    'watchlist.add': async ({ id, title }) => {
      await watchlist().add(id, title);
      return { watching: true as const };
    },
    'watchlist.remove': async ({ id }) => {
      await watchlist().remove(id);
      return { watching: false as const };
    },
    'watchlist.setThreshold': async ({ proposalThreshold }) => {
      await watchlist().setThreshold(proposalThreshold);
      return { ok: true as const };
    },
    'watchlist.checkNow': () => watchlist().checkAll(),
  };
}
