import { formatCount, formatMoney, formatRate } from '../../helpers/format';
import { formatClock, formatOffset, formatTimeAgo, resolveOffsetMinutes } from '../../helpers/time';
import { defineFeature } from '../../page/feature';
import { showCardIsland } from '../../page/ui/card-island';
import { placeBy } from '../../page/ui/island';
import type { CardModel } from '../../page/views';
import type { CardRow } from '../../present/client-rows';
import type { FreelancerStats } from '../../upwork/model';
import { profileKeyFromUrl, profileKeyInText } from '../../upwork/site/ids';
import { queryMatch } from '../../upwork/site/selectors';
import { isFreelancerProfile } from '../../upwork/site/urls';

/**
 * A freelancer's track record from the API: Job Success Score, Top Rated status, earnings, hours,
 * jobs, rate, last worked, availability and identity verification. What the freelancer chose to
 * hide stays hidden: Loupe says so and never shows the value. Risks are flagged on their row, in
 * words and the warn colour: a long break, a low Job Success Score, an unverified identity.
 */

const TITLE = 'Track record · Loupe';
const HIDDEN = 'hidden by the freelancer';

const TOP_RATED_TEXT: Record<FreelancerStats['topRated'], string> = {
  TOP_RATED_PLUS: 'Top Rated Plus',
  TOP_RATED: 'Top Rated',
  NONE: 'no badge',
};

const DAY_MS = 24 * 60 * 60 * 1000;
// A quarter with no work: shorter gaps (a holiday, one long fixed-price contract that ended) are
// common for busy freelancers; three months without any is worth asking about before hiring.
const LONG_BREAK_DAYS = 90;
// Upwork's talent search filters Job Success at 80% and 90%: below the lower mark, clients who
// filter never see the profile, and the score says that a good share of contracts ended badly.
const LOW_JSS = 80;

export type FreelancerRisk = 'lastWorked' | 'jss' | 'idVerified';

/** What the track record suggests checking, each with why in plain words; only from what the API said (hidden values are no risk). */
export function freelancerRisks(f: FreelancerStats, now: Date): Partial<Record<FreelancerRisk, string>> {
  const risks: Partial<Record<FreelancerRisk, string>> = {};
  const lastWorked = f.lastWorkedAt ? Date.parse(f.lastWorkedAt) : Number.NaN;
  if (Number.isFinite(lastWorked) && now.getTime() - lastWorked > LONG_BREAK_DAYS * DAY_MS) {
    risks.lastWorked = `No work on Upwork for more than ${LONG_BREAK_DAYS} days: ask whether they are available and current.`;
  }
  if (!f.jssHidden && f.jobSuccessScore !== null && f.jobSuccessScore < LOW_JSS) {
    risks.jss = `Job Success below ${LOW_JSS}%: more past contracts ended badly than on most profiles clients look at.`;
  }
  if (f.idVerified === false) risks.idVerified = 'Upwork has not verified this freelancer’s identity.';
  return risks;
}

export function freelancerCard(f: FreelancerStats, now: Date): CardModel {
  const risks = freelancerRisks(f, now);
  const rows: CardRow[] = [];
  rows.push(
    f.jssHidden
      ? { key: 'jss', label: 'Job Success', value: HIDDEN, tone: 'muted' }
      : f.jobSuccessScore !== null
        ? risks.jss
          ? { key: 'jss', label: 'Job Success', value: `⚠ ${Math.round(f.jobSuccessScore)}%, low`, tone: 'warn', title: risks.jss }
          : {
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
    const ago = formatTimeAgo(f.lastWorkedAt, now) ?? f.lastWorkedAt;
    rows.push(
      risks.lastWorked
        ? { key: 'lastWorked', label: 'Last worked', value: `⚠ ${ago}, a long break`, tone: 'warn', title: risks.lastWorked }
        : { key: 'lastWorked', label: 'Last worked', value: ago },
    );
  }
  if (f.availability) rows.push({ key: 'availability', label: 'Availability', value: f.availability });
  rows.push(
    risks.idVerified
      ? { key: 'idVerified', label: 'Identity', value: '⚠ not verified', tone: 'warn', title: risks.idVerified }
      : { key: 'idVerified', label: 'Identity', value: f.idVerified ? '✓ verified' : 'unknown', tone: f.idVerified ? 'good' : 'muted' },
  );
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
  section: 'pages',
  title: 'Track record on freelancer profiles',
  description:
    'Job Success Score, Top Rated status, earnings, hours, jobs, rate, last worked, availability and identity verification, as the freelancer allows.',
  include: [isFreelancerProfile],
  async init(ctx) {
    const key = profileKey(ctx.url);
    if (!key) return; // A vanity URL whose page names no key: nothing to ask for.
    await showCardIsland(ctx, {
      name: 'profile-stats',
      title: TITLE,
      loadingText: 'Loading track record…',
      emptyMessage: 'The API has no public profile under this key.',
      dataset: { loupeProfile: key },
      place: async () => placeBy(await ctx.waitFor('profileMain'), 'prepend'),
      ask: () => ctx.send('freelancer.byKey', { profileKey: key }).then((answer) => answer.freelancer),
      toModel: (freelancer) => freelancerCard(freelancer, ctx.now()),
    });
  },
});
