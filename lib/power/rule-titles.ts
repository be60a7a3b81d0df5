import type { RuleId } from '../../lib/settings/schema';

/** Each rule's name, as the rules editor and its backtest show it. */
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
