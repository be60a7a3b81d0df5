import { z } from 'zod';
import { jobSummarySchema } from '../upwork/model';
import { defaultsOf, group, leaf, list, type SpecValue } from './fields';
import {
  NOTE_TEXT_MAX,
  PAGE_SAMPLE_DESCRIPTION_MAX,
  PAGE_SAMPLE_MAX_JOBS,
  RECENT_JOBS_MAX,
  SEEN_MAX,
  SETTINGS_VERSION,
  scoreFactorIds,
  TAG_MAX,
} from './limits';

export { NOTE_TEXT_MAX, PAGE_SAMPLE_DESCRIPTION_MAX, PAGE_SAMPLE_MAX_JOBS, SEEN_MAX, SETTINGS_VERSION, scoreFactorIds, TAG_MAX };

/**
 * What Loupe stores, as field trees (see fields.ts). Limits keep a corrupt or hostile value small;
 * the options page enforces the same limits on input.
 */

const money = z.number().finite().min(0).max(1_000_000_000);
const optionalMoney = money.nullable();
const shortString = z.string().max(200);
/** Keyword lists use the search-box syntax: words and "quoted phrases", separated by spaces or commas. */
const keywordText = z.string().max(2_000);

export const ruleActionSchema = z.enum(['hide', 'dim']);
export type RuleAction = z.infer<typeof ruleActionSchema>;

function switchFields(enabled: boolean, action: RuleAction = 'hide') {
  return {
    enabled: leaf('on/off', z.boolean(), enabled),
    action: leaf('hide or dim', ruleActionSchema, action),
  };
}

const keywordFields = {
  inTitle: leaf('look in titles', z.boolean(), true),
  inDescription: leaf('look in descriptions', z.boolean(), true),
  inSkills: leaf('look in skills', z.boolean(), true),
};

export const rulesSpec = group('Rules', {
  minClientSpend: group('Minimum client spend', { ...switchFields(false), amount: leaf('amount', money, 1_000) }),
  minHireRate: group('Minimum hire rate', {
    ...switchFields(false),
    percent: leaf('percent', z.number().finite().min(0).max(100), 50),
  }),
  paymentVerified: group('Payment verified only', switchFields(false)),
  minRating: group('Minimum client rating', { ...switchFields(false), rating: leaf('rating', z.number().finite().min(0).max(5), 4.5) }),
  countries: group('Client countries', {
    ...switchFields(false),
    include: list('only these countries', leaf('country', shortString, ''), 300),
    exclude: list('never these countries', leaf('country', shortString, ''), 300),
  }),
  maxProposals: group('Maximum proposals', { ...switchFields(false), max: leaf('number', z.number().int().min(0).max(10_000), 20) }),
  fixedBudget: group('Fixed-price budget', {
    ...switchFields(false),
    min: leaf('minimum', optionalMoney, null),
    max: leaf('maximum', optionalMoney, null),
  }),
  hourlyRate: group('Hourly rate', {
    ...switchFields(false),
    min: leaf('minimum', optionalMoney, null),
    max: leaf('maximum', optionalMoney, null),
  }),
  requireKeywords: group('Required keywords', {
    ...switchFields(false, 'dim'),
    terms: leaf('keywords', keywordText, ''),
    match: leaf('match any or all', z.enum(['any', 'all']), 'any'),
    ...keywordFields,
  }),
  excludeKeywords: group('Excluded keywords', { ...switchFields(false), terms: leaf('keywords', keywordText, ''), ...keywordFields }),
  blockedClients: group('Blocked clients', switchFields(true)),
});
export type RulesSettings = SpecValue<typeof rulesSpec>;
export type RuleId = keyof RulesSettings;

export type ScoreFactorId = (typeof scoreFactorIds)[number];

const weight = z.number().int().min(0).max(10);
const hour = z.number().int().min(0).max(24);

export const scoreSpec = group('Job score', {
  weights: group('Weights', {
    clientSpend: leaf('client spend', weight, 3),
    hireRate: leaf('hire rate', weight, 2),
    rating: leaf('client rating', weight, 2),
    paymentVerified: leaf('payment verified', weight, 2),
    proposals: leaf('proposals', weight, 2),
    budgetFit: leaf('budget fit', weight, 1),
    keywordMatch: leaf('keyword match', weight, 2),
    timeOverlap: leaf('working-hours overlap', weight, 1),
  }),
  /** Spend at which the client-spend factor gives full points. */
  fullSpendAt: leaf('spend for full points', z.number().finite().min(1).max(100_000_000), 50_000),
  targetHourlyRate: leaf('your hourly rate', optionalMoney, null),
  targetFixedBudget: leaf('your smallest fixed budget', optionalMoney, null),
  keywords: leaf('your keywords', keywordText, ''),
  /** The user's working hours, in the user's own time zone (0–24, end may be before start: night shift). */
  workStartHour: leaf('your working hours start', hour, 9),
  workEndHour: leaf('your working hours end', hour, 17),
});
export type ScoreSettings = SpecValue<typeof scoreSpec>;

/** Fixed palette: stored colours are names, never CSS, so a stored value cannot inject styles. */
export const highlightColors = ['yellow', 'green', 'blue', 'pink', 'orange', 'purple'] as const;
export type HighlightColor = (typeof highlightColors)[number];

const hasId = (entry: { id: string }) => entry.id !== '';

export const highlightGroupSpec = group('Highlight group', {
  id: leaf('id', z.string().min(1).max(64), ''),
  name: leaf('name', z.string().max(80), 'Keywords'),
  color: leaf('colour', z.enum(highlightColors), 'yellow'),
  terms: leaf('keywords', keywordText, ''),
  enabled: leaf('on/off', z.boolean(), true),
});
export type HighlightGroup = SpecValue<typeof highlightGroupSpec>;

export const settingsSpec = group('', {
  rules: rulesSpec,
  score: scoreSpec,
  highlights: list('Highlight groups', highlightGroupSpec, 12, hasId),
});
export type Settings = SpecValue<typeof settingsSpec>;

/** Blocked clients. `clientId` is the API's stable client id (see lib/power/client-key.ts). */
export const blockListSpec = group('', {
  clients: list(
    'Blocked clients',
    group('Blocked client', {
      clientId: leaf('client id', z.string().min(1).max(128), ''),
      label: leaf('name', z.string().max(200), ''),
      reason: leaf('reason', z.string().max(500), ''),
      addedAt: leaf('date added', z.number().int().min(0), 0),
    }),
    10_000,
    (entry) => entry.clientId !== '',
  ),
});
export type BlockList = SpecValue<typeof blockListSpec>;
export type BlockedClient = BlockList['clients'][number];
export const BLOCK_LIST_VERSION = 2;

/**
 * Notes and tags by client or by job. Stored limits are generous on purpose: a note must never be
 * thrown away for being long; the editor enforces NOTE_TEXT_MAX on input.
 */
export const noteSpec = group('Note', {
  target: leaf('kind', z.enum(['client', 'job']), 'client'),
  key: leaf('client or job id', z.string().min(1).max(128), ''),
  text: leaf('text', z.string().max(1_000_000), ''),
  tags: list('tags', leaf('tag', z.string().min(1).max(TAG_MAX), ''), 50),
  /** What the note is about in words (job title, client location), for the notes list. */
  label: leaf('about', z.string().max(500), ''),
  updatedAt: leaf('last edited', z.number().int().min(0), 0),
});
export const notesSpec = group('', { entries: list('Notes', noteSpec, 20_000, (entry) => entry.key !== '') });
export type Notes = SpecValue<typeof notesSpec>;
export type Note = Notes['entries'][number];
export type NoteTarget = Note['target'];
export const NOTES_VERSION = 2;

/** Jobs the user has seen, oldest first: `[jobId, seenAtMs]`. */
export const seenJobsSchema = z.array(z.tuple([z.string().min(1).max(40), z.number().int().min(0)]));
export type SeenJobs = z.infer<typeof seenJobsSchema>;

export const experienceLevels = ['ENTRY_LEVEL', 'INTERMEDIATE', 'EXPERT'] as const;
export const MIN_ALERT_INTERVAL_MINUTES = 5;

/** A saved search, for job alerts: the API has no saved searches, so they are Loupe's own. */
export const savedSearchSpec = group('Saved search', {
  id: leaf('id', z.string().min(1).max(64), ''),
  name: leaf('name', z.string().max(120), 'Saved search'),
  query: leaf('search words', z.string().max(500), ''),
  filters: group('filters', {
    jobType: leaf('job type', z.enum(['HOURLY', 'FIXED']).nullable(), null),
    experienceLevel: leaf('experience level', z.enum(experienceLevels).nullable(), null),
    verifiedPaymentOnly: leaf('payment verified only', z.boolean(), false),
    minClientHires: leaf('minimum client hires', z.number().int().min(0).max(100_000).nullable(), null),
    hourlyMin: leaf('minimum hourly rate', optionalMoney, null),
    hourlyMax: leaf('maximum hourly rate', optionalMoney, null),
    budgetMin: leaf('minimum budget', optionalMoney, null),
    budgetMax: leaf('maximum budget', optionalMoney, null),
    maxProposals: leaf('maximum proposals', z.number().int().min(0).max(10_000).nullable(), null),
    /** Also drop results that the user's rules would hide. */
    applyRules: leaf('apply my rules', z.boolean(), true),
  }),
  intervalMinutes: leaf(
    'check every (minutes)',
    z
      .number()
      .int()
      .min(MIN_ALERT_INTERVAL_MINUTES)
      .max(24 * 60),
    15,
  ),
  enabled: leaf('on/off', z.boolean(), true),
  muted: leaf('muted', z.boolean(), false),
  createdAt: leaf('created', z.number().int().min(0), 0),
});
/** More would be more alarms than Upwork's daily budget can feed. */
export const SAVED_SEARCHES_MAX = 50;
export const savedSearchesSpec = group('', { searches: list('Saved searches', savedSearchSpec, SAVED_SEARCHES_MAX, hasId) });
export type SavedSearches = SpecValue<typeof savedSearchesSpec>;
export type SavedSearch = SavedSearches['searches'][number];
export const SAVED_SEARCHES_VERSION = 1;

/**
 * The jobs of the last Upwork list the user looked at, so the rules editor can count what draft
 * rules would hide before they are saved. Overwritten by each list, ignored after 24 hours
 * (Upwork's cache limit), at most 100 jobs with descriptions cut to 5,000 characters.
 */
export const PAGE_SAMPLE_MAX_AGE_MS = 24 * 60 * 60 * 1000;
export const pageSampleSchema = z.strictObject({
  url: z.string().max(2_000),
  title: z.string().max(300),
  at: z.number().int().min(0),
  jobs: z.array(jobSummarySchema).max(PAGE_SAMPLE_MAX_JOBS),
});
export type PageSample = z.infer<typeof pageSampleSchema>;

/**
 * The jobs the user saw on Upwork's lists, newest first, for the rules editor's backtest. Each is
 * the API's answer as the list showed it, so it lives no longer than 24 hours (Upwork's cache
 * limit); `opened` marks a job whose page or slider the user opened.
 */
export const recentJobsSchema = z
  .array(z.strictObject({ at: z.number().int().min(0), opened: z.boolean(), job: jobSummarySchema }))
  .max(RECENT_JOBS_MAX);
export type RecentJobs = z.infer<typeof recentJobsSchema>;

export const defaultSettings = (): Settings => defaultsOf(settingsSpec);
