import { createRng, type Rng } from './prng';
import {
  type ClientRecord,
  type Dataset,
  type FreelancerRecord,
  type JobRecord,
  type OAuthClientRecord,
  SCOPES,
  type UserRecord,
} from './schema';
import {
  AVAILABILITY,
  AWKWARD_TITLES,
  CATEGORIES,
  COMPANY_SUFFIXES,
  COMPANY_WORDS,
  COUNTRIES,
  DESCRIPTION_SENTENCES,
  DURATIONS,
  FIRST_NAMES,
  FREELANCER_TITLES,
  LAST_NAMES,
  RESPONSE_TIMES,
  SCREENING_QUESTIONS,
  SKILLS,
  TITLE_ENDS,
  TITLE_STARTS,
} from './vocabulary';

export const DEFAULT_COUNTS = { clients: 60, jobs: 400, freelancers: 40 } as const;

/** Built-in OAuth clients; a data file may add more (same clientId replaces a built-in). */
export const BUILT_IN_OAUTH_CLIENTS: OAuthClientRecord[] = [
  {
    clientId: 'loupe-demo',
    name: 'Loupe (demo key)',
    secret: null,
    redirectUris: [],
    acceptExtensionRedirects: true,
    scopes: [SCOPES.commons, SCOPES.jobs, SCOPES.profiles],
  },
  {
    clientId: 'loupe-secret',
    name: 'Loupe (confidential test key, no profile scope)',
    secret: 's3cret-demo',
    redirectUris: [],
    acceptExtensionRedirects: true,
    scopes: [SCOPES.commons, SCOPES.jobs],
  },
];

export const DEFAULT_USER: UserRecord = {
  id: '1130704449768374272',
  nid: 'demofreelancer',
  rid: '4205721',
  name: 'Demo Freelancer',
  email: 'demo.freelancer@example.com',
  photoUrl: null,
  ciphertext: '~01d3m0f7ee1a9ce7000',
  organizations: [
    {
      id: '1130704449768374273',
      rid: '4205722',
      name: 'Demo Freelancer',
      typeTitle: 'Freelancer',
      type: 'SOLE_PROPRIETOR',
      legacyType: 'VENDOR',
      flag: { client: false, vendor: true, agency: false, individual: true },
    },
    {
      id: '1130704449768374274',
      rid: '4205723',
      name: 'Demo Agency <Team> & Co',
      typeTitle: 'Agency',
      type: 'BUSINESS',
      legacyType: 'VENDOR',
      flag: { client: false, vendor: true, agency: true, individual: false },
    },
    {
      id: '1130704449768374275',
      rid: '4205724',
      name: 'Demo Client Company',
      typeTitle: 'Client',
      type: 'BUSINESS',
      legacyType: 'CLIENT',
      flag: { client: true, vendor: false, agency: false, individual: false },
    },
  ],
};

const round2 = (n: number) => Math.round(n * 100) / 100;

function digits(rng: Rng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(rng.int(0, 9));
  return out;
}

function makeClient(rng: Rng, index: number): ClientRecord {
  // A few fixed shapes first so every awkward case exists whatever the seed.
  const shape = index < 6 ? ['new', 'huge', 'private', 'unrated', 'unverified', 'nolocation'][index] : 'normal';
  const country = shape === 'nolocation' ? null : rng.pick(COUNTRIES);
  const place = country ? rng.int(0, country.cities.length - 1) : 0;
  const posted = shape === 'new' ? 0 : shape === 'huge' ? 4321 : rng.int(1, 120);
  const hires = posted === 0 ? 0 : shape === 'huge' ? 5012 : rng.int(0, Math.round(posted * 1.2));
  const reviews = shape === 'unrated' || hires === 0 ? 0 : rng.int(0, hires);
  const spent = shape === 'new' || hires === 0 ? 0 : shape === 'huge' ? 12_345_678.9 : round2(rng.logUniform(20, 900_000));
  return {
    id: `client-${index + 1}`,
    companyName: `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_SUFFIXES)}`.trim(),
    totalSpent: spent,
    totalHires: hires,
    totalPostedJobs: posted,
    totalReviews: reviews,
    rating: reviews === 0 ? null : round2(rng.chance(0.1) ? rng.int(1, 3) + rng.next() : 4 + rng.next()),
    paymentVerified: shape === 'new' || shape === 'unverified' ? false : rng.chance(0.85),
    country: country ? { name: country.name, code: country.code } : null,
    city: country ? (country.cities[place] ?? null) : null,
    state: country ? (country.states[place] ?? null) : null,
    timezone: country ? (country.tz[place] ?? null) : null,
    offsetToUTC: country ? (country.offsets[place] ?? null) : null,
    hasFinancialPrivacy: shape === 'private' || rng.chance(0.05),
    memberSinceDaysAgo: rng.int(3, 4000),
    avgHourlyRatePaid: hires === 0 ? null : round2(rng.logUniform(5, 150)),
    totalHoursBilled: hires === 0 ? 0 : rng.int(0, 40_000),
    openJobs: rng.int(0, 6),
  };
}

function makeTitle(rng: Rng, index: number, skills: string[]): string {
  // Spread the awkward titles through the list (one on the first page, more further down).
  const awkward = index % 37 === 3 ? AWKWARD_TITLES[(index - 3) / 37] : undefined;
  if (awkward !== undefined) return awkward;
  return `${rng.pick(TITLE_STARTS)} ${skills[0] ?? 'web'} ${rng.pick(TITLE_ENDS)}`;
}

function makeDescription(rng: Rng, index: number, skills: string[]): string {
  if (index === 11) return '';
  const count = index === 12 ? 60 : rng.int(1, 5);
  const sentences = Array.from({ length: count }, () => rng.pick(DESCRIPTION_SENTENCES));
  return `Skills: ${skills.join(', ')}. ${sentences.join(' ')}`;
}

export function makeJob(rng: Rng, index: number, id: string, minutesAgo: number, clients: ClientRecord[]): JobRecord {
  const client = clients[index < 6 && index < clients.length ? index : rng.int(0, clients.length - 1)] as ClientRecord;
  const skills = rng.sample(SKILLS, index === 13 ? 0 : rng.int(1, 6));
  const hourly = rng.chance(0.5);
  const hourlyMin = hourly && rng.chance(0.8) ? rng.int(5, 80) : null;
  const dur = rng.pick(DURATIONS);
  const invites = rng.int(0, 12);
  const interviewing = rng.int(0, invites);
  return {
    id,
    clientId: client.id,
    title: makeTitle(rng, index, skills),
    description: makeDescription(rng, index, skills),
    publishedMinutesAgo: minutesAgo,
    jobType: hourly ? 'HOURLY' : 'FIXED',
    fixedBudget: hourly ? null : index === 14 ? 0 : rng.chance(0.1) ? rng.int(10_000, 250_000) : rng.int(5, 5000),
    hourlyMin,
    hourlyMax: hourlyMin === null ? null : hourlyMin + rng.int(0, 60),
    experienceLevel: rng.pick(['ENTRY_LEVEL', 'INTERMEDIATE', 'EXPERT'] as const),
    duration: rng.chance(0.9) ? dur.duration : null,
    durationLabel: rng.chance(0.9) ? dur.label : null,
    engagement: hourly ? rng.pick(['30+ hrs/week', 'Less than 30 hrs/week', null]) : null,
    engagementType: rng.pick(['FULL_TIME', 'PART_TIME', 'AS_NEEDED', 'NOT_SURE'] as const),
    skills,
    category: { ...rng.pick(CATEGORIES) },
    totalApplicants: index === 15 ? null : rng.chance(0.1) ? rng.int(50, 400) : rng.int(0, 49),
    applied: rng.chance(0.08),
    saved: rng.chance(0.05) || index === 2,
    personsToHire: rng.chance(0.85) ? 1 : rng.int(2, 10),
    coverLetterRequired: rng.chance(0.7),
    screeningQuestions: rng.sample(SCREENING_QUESTIONS, rng.chance(0.6) ? 0 : rng.int(1, 4)),
    qualifications: {
      jobSuccessScore: rng.chance(0.3) ? rng.pick([80, 90]) : null,
      risingTalent: rng.chance(0.5) ? rng.chance(0.5) : null,
      englishProficiency: rng.pick(['ANY', 'CONVERSATIONAL', 'FLUENT', 'NATIVE', null]),
      hoursWorked: rng.chance(0.2) ? rng.pick([1, 100, 1000]) : null,
      hasPortfolio: rng.chance(0.3) ? true : null,
      countries: rng.chance(0.15) ? [rng.pick(COUNTRIES).name] : [],
      timezones: rng.chance(0.1) ? [rng.pick(COUNTRIES).tz[0]] : [],
    },
    activity: {
      lastClientActivityMinutesAgo: rng.chance(0.15) ? null : Math.max(0, minutesAgo - rng.int(0, Math.max(1, Math.round(minutesAgo)))),
      invitesSent: invites,
      interviewing,
      hired: rng.chance(0.1) ? 1 : 0,
      offered: rng.chance(0.1) ? 1 : 0,
      unansweredInvites: invites - interviewing,
    },
    premium: rng.chance(0.05),
    enterprise: rng.chance(0.05),
  };
}

const KEY_CHARS = '0123456789abcdef';

function makeFreelancer(rng: Rng, index: number): FreelancerRecord {
  let key = '~01';
  for (let i = 0; i < 18; i++) key += rng.pick([...KEY_CHARS]);
  const country = rng.pick(COUNTRIES);
  const fresh = index === 3;
  const hourlyJobs = fresh ? 0 : rng.int(0, 120);
  const fixedJobs = fresh ? 0 : rng.int(0, 80);
  const topRated = rng.chance(0.15) ? 'TOP_RATED_PLUS' : rng.chance(0.3) ? 'TOP_RATED' : 'NONE';
  return {
    profileKey: key,
    id: `14${digits(rng, 17)}`,
    firstName: rng.pick(FIRST_NAMES),
    lastName: rng.pick(LAST_NAMES),
    title: index === 5 ? null : rng.pick(FREELANCER_TITLES),
    description: rng.chance(0.2) ? null : rng.pick(DESCRIPTION_SENTENCES),
    country: { name: country.name, code: country.code },
    city: rng.chance(0.8) ? (country.cities[0] ?? null) : null,
    timezone: country.tz[0] ?? 'UTC',
    jobSuccessScore: fresh || rng.chance(0.1) ? null : rng.int(60, 100),
    topRated,
    totalEarnings: fresh ? 0 : round2(rng.logUniform(50, 2_500_000)),
    totalHours: fresh ? 0 : rng.int(0, 12_000),
    totalHourlyJobs: hourlyJobs,
    totalFixedJobs: fixedJobs,
    totalFeedback: fresh ? null : round2(4 + rng.next()),
    hourlyRate: round2(rng.logUniform(8, 250)),
    lastWorkedDaysAgo: fresh ? null : rng.int(0, 400),
    availability: rng.pick(AVAILABILITY),
    responseTime: rng.pick(RESPONSE_TIMES),
    idVerified: rng.chance(0.7),
    vetted: rng.chance(0.1),
    hideEarnings: index === 0 || rng.chance(0.15),
    hideJss: index === 1 || rng.chance(0.1),
    skills: rng.sample(SKILLS, rng.int(0, 8)),
  };
}

/** A deterministic world for a seed: same seed, same clients, jobs, freelancers and ids. */
export function generateDataset(seed = 1, counts: { clients?: number; jobs?: number; freelancers?: number } = {}): Dataset {
  const rng = createRng(seed);
  const clientCount = counts.clients ?? DEFAULT_COUNTS.clients;
  const jobCount = counts.jobs ?? DEFAULT_COUNTS.jobs;
  const clients = Array.from({ length: clientCount }, (_, i) => makeClient(rng, i));
  // Newest first: the newest job gets the biggest id, as on Upwork where ids grow over time.
  const ages = Array.from({ length: jobCount }, () => round2(rng.next() * 30 * 24 * 60)).sort((a, b) => a - b);
  const base = 2024696422907076268n + BigInt(rng.int(0, 999_999)) * 1_000_000n;
  const jobs = ages.map((age, i) => makeJob(rng, i, String(base - BigInt(i) * 7919n * BigInt(rng.int(1, 99))), age, clients));
  const freelancers = Array.from({ length: counts.freelancers ?? DEFAULT_COUNTS.freelancers }, (_, i) => makeFreelancer(rng, i));
  return {
    version: 1,
    user: structuredClone(DEFAULT_USER),
    clients,
    jobs: uniqueIds(jobs),
    freelancers,
    oauthClients: structuredClone(BUILT_IN_OAUTH_CLIENTS),
  };
}

/** Ids must stay unique and keep descending with recency. */
function uniqueIds(jobs: JobRecord[]): JobRecord[] {
  let previous: bigint | null = null;
  for (const job of jobs) {
    let id = BigInt(job.id);
    if (previous !== null && id >= previous) id = previous - 1n;
    job.id = String(id);
    previous = id;
  }
  return jobs;
}
