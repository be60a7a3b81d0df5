/**
 * Constants of the stored shapes that the content script needs too. Kept apart from schema.ts so
 * importing them does not pull the schema library into the content script (it must stay small).
 */

export const NOTE_TEXT_MAX = 10_000;
export const TAG_MAX = 40;
export const SEEN_MAX = 5_000;
/** Tiles a page asks the seen jobs about in one message. */
export const SEEN_ASK_MAX = 100;
export const SETTINGS_VERSION = 2;
export const PAGE_SAMPLE_MAX_JOBS = 100;
export const PAGE_SAMPLE_DESCRIPTION_MAX = 5_000;
/** Jobs the rules editor's backtest replays (the newest seen, within the 24 hours API answers may be kept). */
export const RECENT_JOBS_MAX = 500;

export const scoreFactorIds = [
  'clientSpend',
  'hireRate',
  'rating',
  'paymentVerified',
  'proposals',
  'budgetFit',
  'keywordMatch',
  'timeOverlap',
] as const;
