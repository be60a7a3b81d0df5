/**
 * Every GraphQL document Loupe sends to Upwork. Selections stay lean on purpose: one field outside
 * the API key's scopes fails the WHOLE query. tests/unit/api/operations.test.ts validates each
 * document (batches of every size included) against the schema subset in ./schema/.
 */

/** One request: a named document and its variables. */
export interface Operation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

/** A batched document plus which alias answers for which key. */
export interface BatchOperation extends Operation {
  /** alias -> the job id or profile key it was asked for. */
  aliases: Map<string, string>;
}

/**
 * Most ids one batched request carries. Each alias is a separate lookup on Upwork's side, so a
 * modest batch keeps one answer quick while still folding a page of tiles into one or two requests.
 */
export const MAX_BATCH_SIZE = 25;

export const ME_QUERY = /* GraphQL */ `
  query Me {
    user { id name email photoUrl }
    organization { id name }
    companySelector { items { title organizationId typeTitle } }
  }
`;

export function meOperation(): Operation {
  return { name: 'Me', query: ME_QUERY, variables: {} };
}

/**
 * What Loupe reads from one search result. Never `client.companyOrgUid`, `companyRid` or
 * `edcUserId`: declared non-null, they come back null on the live API, and that null wipes the
 * whole result. The client's company id comes from the job itself (`job.clientCompanyPublic.id`),
 * a nullable branch, so a missing id costs the id alone.
 */
export const JOB_SEARCH_NODE_FRAGMENT = /* GraphQL */ `
  fragment JobSearchNode on MarketplaceJobPostingSearchResult {
    id
    ciphertext
    title
    description
    publishedDateTime
    experienceLevel
    amount { rawValue currency }
    hourlyBudgetType
    hourlyBudgetMin { rawValue currency }
    hourlyBudgetMax { rawValue currency }
    totalApplicants
    applied
    skills { name prettyName }
    client {
      totalSpent { rawValue currency }
      totalHires
      totalPostedJobs
      totalReviews
      totalFeedback
      verificationStatus
      hasFinancialPrivacy
      location { country city timezone offsetToUTC }
    }
    job { clientCompanyPublic { id } }
  }
`;

export const JOB_SEARCH_QUERY = /* GraphQL */ `
  query JobSearch(
    $filter: MarketplaceJobPostingsSearchFilter
    $searchType: MarketplaceJobPostingSearchType
    $sort: [MarketplaceJobPostingSearchSortAttribute]
  ) {
    marketplaceJobPostingsSearch(marketPlaceJobFilter: $filter, searchType: $searchType, sortAttributes: $sort) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...JobSearchNode } }
    }
  }
${JOB_SEARCH_NODE_FRAGMENT}`;

export type JobSearchSortField = 'RECENCY' | 'RELEVANCE' | 'CLIENT_TOTAL_CHARGE' | 'CLIENT_RATING';

/** The subset of Upwork's search filter Loupe uses; field names are Upwork's. */
export interface JobSearchFilter {
  searchExpression_eq?: string;
  titleExpression_eq?: string;
  skillExpression_eq?: string;
  categoryIds_any?: string[];
  subcategoryIds_any?: string[];
  jobType_eq?: 'HOURLY' | 'FIXED';
  experienceLevel_eq?: 'ENTRY_LEVEL' | 'INTERMEDIATE' | 'EXPERT';
  verifiedPaymentOnly_eq?: boolean;
  previousClients_eq?: boolean;
  clientHiresRange_eq?: { rangeStart?: number; rangeEnd?: number };
  budgetRange_eq?: { rangeStart?: number; rangeEnd?: number };
  hourlyRate_eq?: { rangeStart?: number; rangeEnd?: number };
  proposalRange_eq?: { rangeStart?: number; rangeEnd?: number };
  locations_any?: string[];
  timezone_eq?: string;
  pagination_eq?: { first: number; after?: string };
}

export function jobSearchOperation(filter: JobSearchFilter, sort?: JobSearchSortField): Operation {
  const variables: Record<string, unknown> = { filter, searchType: 'USER_JOBS_SEARCH' };
  // No sort means Upwork's default order, which is what the search page shows.
  if (sort) variables.sort = [{ field: sort }];
  return { name: 'JobSearch', query: JOB_SEARCH_QUERY, variables };
}

/** Never ask for activityStat.applicationsBidStats: it is scope-gated and would fail the whole batch. */
export const JOB_DETAIL_FRAGMENT = /* GraphQL */ `
  fragment JobDetailFields on MarketplaceJobPosting {
    id
    content { title }
    contractTerms { contractType personsToHire }
    contractorSelection {
      proposalRequirement { screeningQuestions { sequenceNumber question } }
      qualification { jobSuccessScore risingTalent englishProficiency hoursWorked hasPortfolio }
      location { countries timezones }
    }
    activityStat {
      jobActivity { lastClientActivity invitesSent totalInvitedToInterview totalHired totalUnansweredInvites totalOffered }
    }
    clientCompanyPublic {
      city
      timezone
      country { name }
      paymentVerification { status paymentVerified }
    }
  }
`;

export const FREELANCER_FRAGMENT = /* GraphQL */ `
  fragment FreelancerFields on FreelancerProfile {
    fullName
    countryDetails { name }
    personalData {
      title
      chargeRate { rawValue currency }
    }
    aggregates {
      jobSuccessScore
      topRatedStatus
      topRatedPlusStatus
      totalHours
      totalHourlyJobs
      totalFixedJobs
      totalEarnings { rawValue currency }
      lastWorkedDateTime
    }
    availability { name }
    verifications { idVerified }
    userPreferences { hideEarnings hideJss }
  }
`;

interface BatchShape {
  name: string;
  aliasPrefix: string;
  variablePrefix: string;
  variableType: string;
  field: string;
  argument: string;
  fragmentName: string;
  fragment: string;
}

function buildBatch(shape: BatchShape, keys: readonly string[]): BatchOperation {
  const unique = [...new Set(keys)];
  if (unique.length === 0) throw new RangeError(`${shape.name} needs at least one key.`);
  if (unique.length > MAX_BATCH_SIZE) throw new RangeError(`${shape.name} takes at most ${MAX_BATCH_SIZE} keys, got ${unique.length}.`);
  const aliases = new Map<string, string>();
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const selections: string[] = [];
  unique.forEach((key, index) => {
    const alias = `${shape.aliasPrefix}${index}`;
    const variable = `${shape.variablePrefix}${index}`;
    aliases.set(alias, key);
    variables[variable] = key;
    declarations.push(`$${variable}: ${shape.variableType}`);
    selections.push(`  ${alias}: ${shape.field}(${shape.argument}: $${variable}) { ...${shape.fragmentName} }`);
  });
  const query = `query ${shape.name}(${declarations.join(', ')}) {\n${selections.join('\n')}\n}\n${shape.fragment}`;
  return { name: shape.name, query, variables, aliases };
}

/** One request for up to MAX_BATCH_SIZE job details, by NUMERIC job id, each under its own alias. */
export function jobDetailsOperation(ids: readonly string[]): BatchOperation {
  return buildBatch(
    {
      name: 'JobDetails',
      aliasPrefix: 'j',
      variablePrefix: 'id',
      variableType: 'ID!',
      field: 'marketplaceJobPosting',
      argument: 'id',
      fragmentName: 'JobDetailFields',
      fragment: JOB_DETAIL_FRAGMENT,
    },
    ids,
  );
}

/** One request for up to MAX_BATCH_SIZE freelancer profiles, by `~01…` profile key. */
export function freelancerProfilesOperation(profileKeys: readonly string[]): BatchOperation {
  return buildBatch(
    {
      name: 'FreelancerProfiles',
      aliasPrefix: 'f',
      variablePrefix: 'key',
      variableType: 'String!',
      field: 'freelancerProfileByProfileKey',
      argument: 'profileKey',
      fragmentName: 'FreelancerFields',
      fragment: FREELANCER_FRAGMENT,
    },
    profileKeys,
  );
}

/** Results each precise lookup asks for: enough for a few jobs sharing a title, few enough to stay cheap. */
export const LOOKUP_RESULTS = 10;

/** Most lookups one request carries (each is a search on Upwork's side). */
export const MAX_LOOKUPS_PER_REQUEST = 25;

/**
 * Precise lookups, many to one request: one aliased search per entry (its words, newest first,
 * a few results), so each tile's job can be found by id among them.
 */
export function jobLookupsOperation(expressions: readonly string[]): BatchOperation {
  const unique = [...new Set(expressions)];
  if (unique.length === 0) throw new RangeError('JobLookups needs at least one search.');
  if (unique.length > MAX_LOOKUPS_PER_REQUEST)
    throw new RangeError(`JobLookups takes at most ${MAX_LOOKUPS_PER_REQUEST} searches, got ${unique.length}.`);
  const aliases = new Map<string, string>();
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const selections: string[] = [];
  unique.forEach((expression, index) => {
    aliases.set(`s${index}`, expression);
    variables[`f${index}`] = { searchExpression_eq: expression, pagination_eq: { first: LOOKUP_RESULTS, after: '0' } };
    declarations.push(`$f${index}: MarketplaceJobPostingsSearchFilter`);
    selections.push(
      `  s${index}: marketplaceJobPostingsSearch(marketPlaceJobFilter: $f${index}, searchType: USER_JOBS_SEARCH, sortAttributes: [{ field: RECENCY }]) { edges { node { ...JobSearchNode } } }`,
    );
  });
  const query = `query JobLookups(${declarations.join(', ')}) {\n${selections.join('\n')}\n}\n${JOB_SEARCH_NODE_FRAGMENT}`;
  return { name: 'JobLookups', query, variables, aliases };
}
