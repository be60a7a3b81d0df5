import type { ClientWithId } from '../../../lib/power/client-key';
import type { JobSummary } from '../../../lib/upwork/model';
import { jobSummarySchema } from '../../../lib/upwork/model';

/** A realistic job that passes the model's own schema; tests override what they are about. */
export function makeJob(overrides: Partial<Omit<JobSummary, 'client'>> = {}, client: Partial<ClientWithId> = {}): JobSummary {
  return jobSummarySchema.parse({
    id: '2024696422907076268',
    ciphertext: '~022024696422907076268',
    title: 'React developer for a dashboard',
    description: 'We need a TypeScript and React developer to build charts.',
    publishedAt: '2025-01-30T10:00:00.000Z',
    jobType: 'HOURLY',
    fixedBudget: null,
    hourlyMin: 30,
    hourlyMax: 60,
    currency: 'USD',
    experienceLevel: 'INTERMEDIATE',
    totalApplicants: 8,
    applied: false,
    skills: ['React', 'TypeScript'],
    ...overrides,
    client: {
      totalSpent: 12_000,
      currency: 'USD',
      totalHires: 6,
      totalPostedJobs: 10,
      hireRate: 0.6,
      totalReviews: 5,
      rating: 4.8,
      paymentVerified: true,
      country: 'Germany',
      city: 'Berlin',
      timezone: 'Europe/Berlin',
      utcOffsetMinutes: 60,
      hasFinancialPrivacy: false,
      ...client,
    },
  });
}
