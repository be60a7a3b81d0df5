import { formatCount, formatMoney, formatRate } from '../helpers/format';
import { formatClock, formatOffset, formatTimeAgo, resolveOffsetMinutes } from '../helpers/time';
import type { CardRow } from '../present/client-rows';
import type { FreelancerStats } from '../upwork/model';
import { profileKeyFromUrl, profileKeyInText } from '../upwork/site/ids';
import { queryMatch } from '../upwork/site/selectors';
import { isFreelancerProfile } from '../upwork/site/urls';
import { defineFeature } from './registry';
import { showCardIsland } from './ui/card-island';
import { placeBy } from './ui/island';
import type { CardModel } from './views';

/**
 * A freelancer's track record from the API: Job Success Score, Top Rated status, earnings, hours,
 * jobs, rate, last worked, availability and identity verification. What the freelancer chose to
 * hide stays hidden: Loupe says so and never shows the value.
 */

const TITLE = 'Track record · Loupe';
const HIDDEN = 'hidden by the freelancer';

const TOP_RATED_TEXT: Record<FreelancerStats['topRated'], string> = {
  TOP_RATED_PLUS: 'Top Rated Plus',
  TOP_RATED: 'Top Rated',
  NONE: 'no badge',
};

export function freelancerCard(f: FreelancerStats, now: Date): CardModel {
  const rows: CardRow[] = [];
  rows.push(
    f.jssHidden
      ? { key: 'jss', label: 'Job Success', value: HIDDEN, tone: 'muted' }
      : f.jobSuccessScore !== null
        ? {
            key: 'jss',
            label: 'Job Success',
            value: `${Math.round(f.jobSuccessScore)}%`,
            tone: f.jobSuccessScore >= 90 ? 'good' : undefined,
          }
        : { key: 'jss', label: 'Job Success', value: 'no score yet', tone: 'muted' },
  );
  rows.push({ key: 'topRated', label: 'Status', value: TOP_RATED_TEXT[f.topRated], tone: f.topRated === 'NONE' ? 'muted' : 'good' });
  rows.push(
    f.earningsHidden || f.totalEarnings === null
      ? { key: 'earnings', label: 'Total earnings', value: f.earningsHidden ? HIDDEN : 'not shown', tone: 'muted' }
      : { key: 'earnings', label: 'Total earnings', value: formatMoney(f.totalEarnings, f.currency) },
  );
  if (f.totalHours !== null) rows.push({ key: 'hours', label: 'Hours worked', value: formatCount(Math.round(f.totalHours)) });
  if (f.totalJobs !== null) rows.push({ key: 'jobs', label: 'Jobs', value: formatCount(f.totalJobs) });
  if (f.hourlyRate !== null) rows.push({ key: 'rate', label: 'Rate', value: formatRate(f.hourlyRate, f.currency) });
  if (f.lastWorkedAt) {
    rows.push({ key: 'lastWorked', label: 'Last worked', value: formatTimeAgo(f.lastWorkedAt, now) ?? f.lastWorkedAt });
  }
  if (f.availability) rows.push({ key: 'availability', label: 'Availability', value: f.availability });
  rows.push({
    key: 'idVerified',
    label: 'Identity',
    value: f.idVerified === null ? 'unknown' : f.idVerified ? '✓ verified' : 'not verified',
    tone: f.idVerified ? 'good' : 'muted',
  });
  const offset = resolveOffsetMinutes(f.timezone, null, now);
  if (offset !== null) {
    rows.push({
      key: 'localTime',
      label: 'Local time',
      value: `${formatClock(now, offset)} (${formatOffset(offset)})`,
      title: f.country ? `Time now where ${f.name} is (${f.country})` : undefined,
    });
  }
  return { state: 'ready', title: TITLE, rows, lists: [] };
}

/** The `~01…` key: from the URL, else from the page's canonical URL (vanity profile URLs). */
function profileKey(url: URL): string | null {
  const fromUrl = profileKeyFromUrl(url.href);
  if (fromUrl) return fromUrl;
  const canonical = queryMatch(document, 'canonicalUrl')?.element;
  const href = canonical?.getAttribute('href') ?? canonical?.getAttribute('content');
  return href ? profileKeyInText(href) : null;
}

export default defineFeature({
  id: 'freelancer-profile-stats',
  title: 'Track record on freelancer profiles',
  description:
    'Job Success Score, Top Rated status, earnings, hours, jobs, rate, last worked, availability and identity verification, as the freelancer allows.',
  include: [isFreelancerProfile],
  async init(ctx) {
    const key = profileKey(ctx.url);
    if (!key) return; // A vanity URL whose page names no key: nothing to ask for.
    const ask = () => ctx.send('freelancer.byKey', { profileKey: key }).then((answer) => answer.freelancer);
    const first = ask();
    first.catch(() => {});
    const main = await ctx.waitFor('profileMain');
    await showCardIsland(ctx, {
      name: 'profile-stats',
      title: TITLE,
      loadingText: 'Loading track record…',
      emptyMessage: 'The API has no public profile under this key.',
      dataset: { loupeProfile: key },
      place: placeBy(main, 'prepend'),
      first,
      again: ask,
      toModel: (freelancer) => freelancerCard(freelancer, ctx.now()),
    });
  },
});
