/** Raw API objects shaped like Upwork's answers to Loupe's operations, for parser and client tests. */

export function rawSearchNode(overrides: Record<string, unknown> = {}, client: Record<string, unknown> = {}) {
  return {
    id: '2024696422907076268',
    ciphertext: '~022024696422907076268',
    title: 'React dashboard',
    description: 'Build a dashboard',
    publishedDateTime: '2025-05-01T10:00:00Z',
    experienceLevel: 'EXPERT',
    amount: { rawValue: '0.0', currency: 'USD' },
    hourlyBudgetType: 'MANUAL',
    hourlyBudgetMin: { rawValue: '25.0', currency: 'USD' },
    hourlyBudgetMax: { rawValue: '60.5', currency: 'USD' },
    totalApplicants: 12,
    applied: false,
    skills: [{ name: 'react', prettyName: 'React' }, null, { name: 'typescript', prettyName: null }],
    client: {
      totalSpent: { rawValue: '15230.75', currency: 'USD' },
      totalHires: 9,
      totalPostedJobs: 12,
      totalReviews: 7,
      totalFeedback: 4.86,
      verificationStatus: 'VERIFIED',
      hasFinancialPrivacy: false,
      location: { country: 'India', city: 'Pune', timezone: 'Asia/Kolkata', offsetToUTC: 'UTC+05:30' },
      ...client,
    },
    ...overrides,
  };
}

export function rawSearch(nodes: unknown[]) {
  return {
    marketplaceJobPostingsSearch: {
      totalCount: nodes.length,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: nodes.map((node) => ({ node })),
    },
  };
}

export function rawJobDetail(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    content: { title: `Job ${id}` },
    contractTerms: { contractType: 'FIXED', personsToHire: 1 },
    contractorSelection: {
      proposalRequirement: {
        screeningQuestions: [
          { sequenceNumber: 2, question: 'Second?' },
          { sequenceNumber: 1, question: 'First?' },
        ],
      },
      qualification: { jobSuccessScore: 90, risingTalent: null, englishProficiency: 'FLUENT', hoursWorked: 100, hasPortfolio: true },
      location: { countries: ['Canada', null], timezones: [] },
    },
    activityStat: {
      jobActivity: {
        lastClientActivity: '2025-05-01T12:00:00Z',
        invitesSent: 3,
        totalInvitedToInterview: 2,
        totalHired: 0,
        totalUnansweredInvites: 1,
        totalOffered: 0,
      },
    },
    clientCompanyPublic: {
      city: 'Toronto',
      timezone: 'America/Toronto',
      country: { name: 'Canada' },
      paymentVerification: { status: 'VERIFIED', paymentVerified: true },
    },
    ...overrides,
  };
}

export function rawFreelancer(overrides: Record<string, unknown> = {}, aggregates: Record<string, unknown> = {}, preferences = {}) {
  return {
    fullName: 'Ada L.',
    countryDetails: { name: 'United Kingdom' },
    personalData: {
      title: 'Senior engineer',
      chargeRate: { rawValue: '85.00', currency: 'USD' },
    },
    aggregates: {
      jobSuccessScore: 97,
      topRatedStatus: 'TOP_RATED',
      topRatedPlusStatus: 'NONE',
      totalHours: 1520.5,
      totalHourlyJobs: 20,
      totalFixedJobs: 11,
      totalEarnings: { rawValue: '120000.00', currency: 'USD' },
      lastWorkedDateTime: '2025-04-01T00:00:00Z',
      ...aggregates,
    },
    availability: { name: 'More than 30 hrs/week' },
    verifications: { idVerified: true },
    userPreferences: { hideEarnings: false, hideJss: false, ...preferences },
    ...overrides,
  };
}
