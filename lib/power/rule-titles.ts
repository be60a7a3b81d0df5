import type { RuleId } from '../settings/schema';

/** Each rule's name, as the rules editor, its backtest and the hidden-jobs row on a list show it. */
export const ruleTitles: Record<RuleId, string> = {
  minClientSpend: 'Minimum client spend',
  minHireRate: 'Minimum hire rate',
  paymentVerified: 'Payment verified only',
  minRating: 'Minimum client rating',
  countries: 'Client countries',
  maxProposals: 'Maximum proposals',
  fixedBudget: 'Fixed-price budget',
  hourlyRate: 'Hourly rate',
  requireKeywords: 'Required keywords',
  excludeKeywords: 'Excluded keywords',
  blockedClients: 'Blocked clients',
};
