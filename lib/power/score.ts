import { formatExactMoney, formatPercent, formatRating } from '../helpers/format';
import { formatHourOfDay, formatOffset, resolveOffsetMinutes } from '../helpers/time';
import { scoreFactorIds } from '../settings/limits';
import type { ScoreFactorId, ScoreSettings } from '../settings/schema';
import type { JobSummary } from '../upwork/model';
import { matcherFor } from './text-match';

/**
 * A 0–100 score per job, with nothing hidden: each factor the user weighs gets a share of the 100
 * points in proportion to its weight, earns part of that share by how well the job does on it,
 * and says why in words. The shares and the points are whole numbers that add up exactly (largest
 * remainder rounding), so the breakdown always sums to the total shown.
 *
 * When the job lacks the data a factor needs (no reviews yet, no rate given), the factor earns
 * half its share and says so: unknown is neither good nor bad.
 */

export interface ScoreFactor {
  id: ScoreFactorId;
  label: string;
  weight: number;
  points: number;
  max: number;
  explanation: string;
}

export interface JobScore {
  total: number;
  factors: ScoreFactor[];
}

export interface ScoreContext {
  /** The user's offset from UTC in minutes (east positive), e.g. `-new Date().getTimezoneOffset()`. */
  userUtcOffsetMinutes: number;
  /** When "now" is, for the client's daylight-saving offset (defaults to the current time). */
  now?: Date;
}

/** The client's working day, in the client's time zone, for the overlap factor. */
export const CLIENT_WORK_START_HOUR = 9;
export const CLIENT_WORK_END_HOUR = 17;
const NEUTRAL = 0.5;

export const scoreFactorLabels: Record<ScoreFactorId, string> = {
  clientSpend: 'Client spend',
  hireRate: 'Hire rate',
  rating: 'Client rating',
  paymentVerified: 'Payment verified',
  proposals: 'Competition',
  budgetFit: 'Budget fit',
  keywordMatch: 'Your keywords',
  timeOverlap: 'Working-hours overlap',
};

interface Quality {
  /** 0 (worst) to 1 (best). */
  quality: number;
  explanation: string;
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
const unknown = (why: string): Quality => ({ quality: NEUTRAL, explanation: `${why}: counted as half` });

/** 15-minute slots of the UTC day covered by a local [start, end) window; end ≤ start wraps past midnight. */
function utcSlots(startHour: number, endHour: number, offsetMinutes: number): Set<number> {
  const slots = new Set<number>();
  const length = ((endHour - startHour + 24) % 24 || 24) * 4;
  const first = startHour * 4 - Math.round(offsetMinutes / 15);
  for (let i = 0; i < length; i += 1) slots.add((((first + i) % 96) + 96) % 96);
  return slots;
}

type Assess = (job: JobSummary, settings: ScoreSettings, context: ScoreContext) => Quality;

const assess: Record<ScoreFactorId, Assess> = {
  // Logarithmic: the step from $0 to $1,000 matters more than from $40,000 to $41,000.
  clientSpend: (job, settings) => {
    const spent = job.client.totalSpent;
    if (spent === null) return unknown('Client keeps spending private');
    const quality = clamp01(Math.log10(1 + spent) / Math.log10(1 + settings.fullSpendAt));
    return {
      quality,
      explanation: `Client spent ${formatExactMoney(spent, job.client.currency)} (full points from ${formatExactMoney(settings.fullSpendAt, job.client.currency)})`,
    };
  },
  hireRate: (job) => {
    const { hireRate, totalHires, totalPostedJobs } = job.client;
    if (hireRate === null) return unknown('Client has not posted a job before');
    return {
      quality: clamp01(hireRate),
      explanation: `Client hired for ${totalHires} of ${totalPostedJobs} jobs posted (${formatPercent(Math.min(1, hireRate))})`,
    };
  },
  // Most ratings sit between 4 and 5, so the scale starts at 3.5 to tell them apart.
  rating: (job) => {
    const { rating, totalReviews } = job.client;
    if (rating === null) return unknown('Client has no reviews yet');
    return {
      quality: clamp01((rating - 3.5) / 1.5),
      explanation: `Rated ${formatRating(rating)} of 5 from ${totalReviews} ${totalReviews === 1 ? 'review' : 'reviews'} (no points at 3.5 or below)`,
    };
  },
  paymentVerified: (job) =>
    job.client.paymentVerified
      ? { quality: 1, explanation: 'Payment method verified' }
      : { quality: 0, explanation: 'Payment method not verified' },
  // Fewer proposals, better odds: full points with none, none at 50 or more.
  proposals: (job) => {
    const count = job.totalApplicants;
    if (count === null) return unknown('Proposal count not shown');
    return {
      quality: clamp01(1 - count / 50),
      explanation: `${count} ${count === 1 ? 'proposal' : 'proposals'} so far (no points at 50+)`,
    };
  },
  budgetFit: (job, settings) => {
    if (job.jobType === 'HOURLY') {
      const target = settings.targetHourlyRate;
      if (target === null || target <= 0) return unknown('Set your hourly rate to score budgets');
      const rate = job.hourlyMax ?? job.hourlyMin;
      if (rate === null) return unknown('Client gave no hourly rate');
      return {
        quality: clamp01(rate / target),
        explanation: `Pays up to ${formatExactMoney(rate, job.currency)}/hr; your rate is ${formatExactMoney(target, job.currency)}/hr`,
      };
    }
    const target = settings.targetFixedBudget;
    if (target === null || target <= 0) return unknown('Set your smallest fixed budget to score budgets');
    if (job.fixedBudget === null || job.fixedBudget <= 0) return unknown('Client left the budget open');
    return {
      quality: clamp01(job.fixedBudget / target),
      explanation: `Budget ${formatExactMoney(job.fixedBudget, job.currency)}; you look for ${formatExactMoney(target, job.currency)} or more`,
    };
  },
  keywordMatch: (job, settings) => {
    const matcher = matcherFor(settings.keywords);
    if (matcher.terms.length === 0) return unknown('Add your keywords to score matches');
    const found = matcher.found([job.title, job.description, job.skills.join('\n')]);
    const list = found.length > 0 ? `: ${found.join(', ')}` : '';
    return {
      quality: found.length / matcher.terms.length,
      explanation: `Mentions ${found.length} of your ${matcher.terms.length} keywords${list}`,
    };
  },
  timeOverlap: (job, settings, context) => {
    // The client's zone name knows daylight saving; the fixed offset is the fallback (as on the stats panel).
    const offset = resolveOffsetMinutes(job.client.timezone, job.client.utcOffsetMinutes, context.now ?? new Date());
    if (offset === null) return unknown('Client’s time zone not shown');
    const mine = utcSlots(settings.workStartHour, settings.workEndHour, context.userUtcOffsetMinutes);
    const theirs = utcSlots(CLIENT_WORK_START_HOUR, CLIENT_WORK_END_HOUR, offset);
    let shared = 0;
    for (const slot of mine) if (theirs.has(slot)) shared += 1;
    const quality = shared / Math.min(mine.size, theirs.size);
    const hours = Math.round((shared / 4) * 10) / 10;
    return {
      quality,
      explanation: `${hours} of your working hours (${formatHourOfDay(settings.workStartHour)}–${formatHourOfDay(settings.workEndHour)}) overlap the client’s ${formatHourOfDay(CLIENT_WORK_START_HOUR)}–${formatHourOfDay(CLIENT_WORK_END_HOUR)} (${formatOffset(offset)})`,
    };
  },
};

/**
 * Whole numbers that add up to `total`, each as close to its exact share as possible
 * (largest remainder). `caps` bound each part, so a factor never shows more points than its max.
 */
function apportion(exact: readonly number[], total: number, caps?: readonly number[]): number[] {
  const parts = exact.map((value) => Math.floor(value));
  let left = total - parts.reduce((sum, value) => sum + value, 0);
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    if (caps && (parts[index] as number) + 1 > (caps[index] as number)) continue;
    parts[index] = (parts[index] as number) + 1;
    left -= 1;
  }
  return parts;
}

export function scoreJob(job: JobSummary, settings: ScoreSettings, context: ScoreContext): JobScore {
  const active = scoreFactorIds.filter((id) => settings.weights[id] > 0);
  const weightSum = active.reduce((sum, id) => sum + settings.weights[id], 0);
  if (weightSum === 0) return { total: 0, factors: [] };

  const maxima = apportion(
    active.map((id) => (100 * settings.weights[id]) / weightSum),
    100,
  );
  const assessed = active.map((id) => assess[id](job, settings, context));
  const exactPoints = assessed.map((entry, index) => clamp01(entry.quality) * (maxima[index] as number));
  const points = apportion(exactPoints, Math.round(exactPoints.reduce((sum, value) => sum + value, 0)), maxima);

  return {
    // The sum of the parts by construction, even if float noise ever left a unit undistributed.
    total: points.reduce((sum, value) => sum + value, 0),
    factors: active.map((id, index) => ({
      id,
      label: scoreFactorLabels[id],
      weight: settings.weights[id],
      points: points[index] as number,
      max: maxima[index] as number,
      explanation: (assessed[index] as Quality).explanation,
    })),
  };
}
