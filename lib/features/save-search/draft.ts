import {
  type AlertFiltersInput,
  DEFAULT_INTERVAL_MINUTES,
  MAX_INTERVAL_MINUTES,
  MIN_INTERVAL_MINUTES,
} from '../../messaging/messages/alerts';

/** A saved search as the form holds it (text as typed), and its checks before it is sent. */

/** A number field's value, or null when empty; NaN marks what is not a number. */
export function numberOrNull(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : Number(trimmed);
}

export interface Draft {
  query: string;
  name: string;
  interval: string;
  jobType: '' | 'HOURLY' | 'FIXED';
  experienceLevel: '' | 'ENTRY_LEVEL' | 'INTERMEDIATE' | 'EXPERT';
  verifiedPaymentOnly: boolean;
  minClientHires: string;
  hourlyMin: string;
  hourlyMax: string;
  budgetMin: string;
  budgetMax: string;
  maxProposals: string;
  applyRules: boolean;
}

export const emptyDraft = (): Draft => ({
  query: '',
  name: '',
  interval: String(DEFAULT_INTERVAL_MINUTES),
  jobType: '',
  experienceLevel: '',
  verifiedPaymentOnly: false,
  minClientHires: '',
  hourlyMin: '',
  hourlyMax: '',
  budgetMin: '',
  budgetMax: '',
  maxProposals: '',
  applyRules: true,
});

/** The draft's filters, or the first problem in words. */
export function filtersOf(draft: Draft): { filters: AlertFiltersInput; interval: number } | { error: string } {
  const interval = Number(draft.interval);
  if (!Number.isInteger(interval) || interval < MIN_INTERVAL_MINUTES || interval > MAX_INTERVAL_MINUTES) {
    return { error: `Check every ${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES} minutes (whole minutes).` };
  }
  const numbers = {
    minClientHires: numberOrNull(draft.minClientHires),
    hourlyMin: numberOrNull(draft.hourlyMin),
    hourlyMax: numberOrNull(draft.hourlyMax),
    budgetMin: numberOrNull(draft.budgetMin),
    budgetMax: numberOrNull(draft.budgetMax),
    maxProposals: numberOrNull(draft.maxProposals),
  };
  for (const [key, value] of Object.entries(numbers)) {
    if (value !== null && (!Number.isFinite(value) || value < 0)) return { error: `“${key}” must be a number of 0 or more.` };
  }
  const whole = (value: number | null) => (value === null ? null : Math.round(value));
  return {
    interval,
    filters: {
      jobType: draft.jobType || null,
      experienceLevel: draft.experienceLevel || null,
      verifiedPaymentOnly: draft.verifiedPaymentOnly,
      minClientHires: whole(numbers.minClientHires),
      hourlyMin: numbers.hourlyMin,
      hourlyMax: numbers.hourlyMax,
      budgetMin: numbers.budgetMin,
      budgetMax: numbers.budgetMax,
      maxProposals: whole(numbers.maxProposals),
      applyRules: draft.applyRules,
    },
  };
}
