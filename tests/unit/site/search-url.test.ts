import { describe, expect, it } from 'vitest';
import { mirrorSearch } from '../../../lib/upwork/api/mirror';
import { pageSearchOf, parseRange } from '../../../lib/upwork/site/search-url';

/** A search page URL → the API search that mirrors it, parameter by parameter (values as Upwork's page defines them). */
const filterOf = (query: string) => mirrorSearch(pageSearchOf(new URL(`https://www.upwork.com/nx/search/jobs/?${query}`)));
const FIRST_PAGE = { pagination_eq: { first: 10, after: '0' } };

describe('a real search page URL (February 2026)', () => {
  it('keeps the boolean query untouched and every filter the API has', () => {
    const url =
      'https://www.upwork.com/nx/search/jobs/?amount=201-&hourly_rate=41-&payment_verified=1&q=(n8n%20OR%20make.com%20OR%20integromat%20OR%20Apify%20OR%20shopify)%20AND%20NOT%20(wix%20OR%20assistant%20OR%20Copywriter%20OR%20php%20OR%20laravel%20OR%20wordpress)&t=0,1';
    expect(mirrorSearch(pageSearchOf(new URL(url)))).toEqual({
      filter: {
        searchExpression_eq:
          '(n8n OR make.com OR integromat OR Apify OR shopify) AND NOT (wix OR assistant OR Copywriter OR php OR laravel OR wordpress)',
        budgetRange_eq: { rangeStart: 201 },
        hourlyRate_eq: { rangeStart: 41 },
        verifiedPaymentOnly_eq: true,
        // t=0,1 is hourly AND fixed: no job type filter at all.
        ...FIRST_PAGE,
      },
    });
  });
});

describe('parameter by parameter', () => {
  it.each([
    ['q, as typed', 'q=react%20native', { searchExpression_eq: 'react native' }],
    ['q with + for spaces', 'q=react+AND+NOT+php', { searchExpression_eq: 'react AND NOT php' }],
    ['t=0 hourly', 't=0', { jobType_eq: 'HOURLY' }],
    ['t=1 fixed', 't=1', { jobType_eq: 'FIXED' }],
    ['t=0,1 both', 't=0,1', {}],
    ['amount 0-99', 'amount=0-99', { budgetRange_eq: { rangeStart: 0, rangeEnd: 99 } }],
    ['amount 100-499', 'amount=100-499', { budgetRange_eq: { rangeStart: 100, rangeEnd: 499 } }],
    ['amount 500-999', 'amount=500-999', { budgetRange_eq: { rangeStart: 500, rangeEnd: 999 } }],
    ['amount 1000-4999', 'amount=1000-4999', { budgetRange_eq: { rangeStart: 1000, rangeEnd: 4999 } }],
    ['amount 5000-', 'amount=5000-', { budgetRange_eq: { rangeStart: 5000 } }],
    ['amount custom open low end', 'amount=-300', { budgetRange_eq: { rangeEnd: 300 } }],
    ['amount, two ticked ranges', 'amount=0-99,1000-4999', { budgetRange_eq: { rangeStart: 0, rangeEnd: 4999 } }],
    ['amount, a range and an open one', 'amount=100-499,5000-', { budgetRange_eq: { rangeStart: 100 } }],
    ['hourly_rate 41-', 'hourly_rate=41-', { hourlyRate_eq: { rangeStart: 41 } }],
    ['hourly_rate 20-60', 'hourly_rate=20-60', { hourlyRate_eq: { rangeStart: 20, rangeEnd: 60 } }],
    ['contractor_tier 1', 'contractor_tier=1', { experienceLevel_eq: 'ENTRY_LEVEL' }],
    ['contractor_tier 2', 'contractor_tier=2', { experienceLevel_eq: 'INTERMEDIATE' }],
    ['contractor_tier 3', 'contractor_tier=3', { experienceLevel_eq: 'EXPERT' }],
    ['contractor_tier 2,3 (the API takes one)', 'contractor_tier=2,3', {}],
    ['client_hires 0', 'client_hires=0', { clientHiresRange_eq: { rangeStart: 0, rangeEnd: 0 } }],
    ['client_hires 1-9', 'client_hires=1-9', { clientHiresRange_eq: { rangeStart: 1, rangeEnd: 9 } }],
    ['client_hires 10-', 'client_hires=10-', { clientHiresRange_eq: { rangeStart: 10 } }],
    ['client_hires 1-9,10-', 'client_hires=1-9,10-', { clientHiresRange_eq: { rangeStart: 1 } }],
    ['proposals 0-4', 'proposals=0-4', { proposalRange_eq: { rangeStart: 0, rangeEnd: 4 } }],
    ['proposals 5-9', 'proposals=5-9', { proposalRange_eq: { rangeStart: 5, rangeEnd: 9 } }],
    ['proposals 10-14', 'proposals=10-14', { proposalRange_eq: { rangeStart: 10, rangeEnd: 14 } }],
    ['proposals 15-19', 'proposals=15-19', { proposalRange_eq: { rangeStart: 15, rangeEnd: 19 } }],
    ['proposals 20-49', 'proposals=20-49', { proposalRange_eq: { rangeStart: 20, rangeEnd: 49 } }],
    ['proposals 0-4,5-9', 'proposals=0-4,5-9', { proposalRange_eq: { rangeStart: 0, rangeEnd: 9 } }],
    ['payment_verified=1', 'payment_verified=1', { verifiedPaymentOnly_eq: true }],
    ['payment_verified=0 is no filter', 'payment_verified=0', {}],
    ['previous_clients=all', 'previous_clients=all', { previousClients_eq: true }],
    ['location, one country', 'location=United%20States', { locations_any: ['United States'] }],
    ['location, several', 'location=Canada,United%20Kingdom,Europe', { locations_any: ['Canada', 'United Kingdom', 'Europe'] }],
    ['timezone', 'timezone=America%2FNew_York', { timezone_eq: 'America/New_York' }],
    ['timezone, several (the API takes one)', 'timezone=America%2FNew_York,Europe%2FParis', {}],
    ['category2_uid', 'category2_uid=531770282580668418', { categoryIds_any: ['531770282580668418'] }],
    ['subcategory2_uid', 'subcategory2_uid=531770282584862733', { subcategoryIds_any: ['531770282584862733'] }],
    ['workload (reported to empty the live search): not sent', 'workload=full_time', {}],
    ['duration_v3 (no API filter)', 'duration_v3=weeks', {}],
    ['contract_to_hire (no API filter)', 'contract_to_hire=true', {}],
    ['garbage range', 'amount=lots', {}],
  ])('%s', (_name, query, expected) => {
    expect(filterOf(query)).toEqual({ filter: { ...expected, ...FIRST_PAGE } });
  });

  it.each([
    ['recency', 'RECENCY'],
    ['relevance%2Bdesc', 'RELEVANCE'],
    ['client_total_charge%2Bdesc', 'CLIENT_TOTAL_CHARGE'],
    ['client_total_charge+desc', 'CLIENT_TOTAL_CHARGE'],
    ['client_rating%2Bdesc', 'CLIENT_RATING'],
  ])('sort=%s', (value, field) => {
    expect(filterOf(`sort=${value}`)).toEqual({ filter: FIRST_PAGE, sort: field });
  });

  it('an unknown sort keeps Upwork’s default order', () => {
    expect(filterOf('sort=whatever')).toEqual({ filter: FIRST_PAGE });
  });

  it.each([
    ['page=3&per_page=20', { first: 20, after: '40' }],
    ['per_page=50', { first: 50, after: '0' }],
    ['page=nonsense&per_page=9999', { first: 10, after: '0' }],
    ['page=100000', { first: 10, after: '5000' }],
  ])('page and per_page: %s', (query, pagination) => {
    expect(filterOf(query).filter.pagination_eq).toEqual(pagination);
  });

  it('everything at once', () => {
    expect(
      filterOf(
        'q=shopify&t=1&amount=500-999&contractor_tier=3&client_hires=10-&proposals=0-4&payment_verified=1&location=Germany&sort=recency&page=2&per_page=20',
      ),
    ).toEqual({
      filter: {
        searchExpression_eq: 'shopify',
        jobType_eq: 'FIXED',
        budgetRange_eq: { rangeStart: 500, rangeEnd: 999 },
        experienceLevel_eq: 'EXPERT',
        clientHiresRange_eq: { rangeStart: 10 },
        proposalRange_eq: { rangeStart: 0, rangeEnd: 4 },
        verifiedPaymentOnly_eq: true,
        locations_any: ['Germany'],
        pagination_eq: { first: 20, after: '20' },
      },
      sort: 'RECENCY',
    });
  });
});

describe('parseRange', () => {
  it.each([
    ['201-', { min: 201 }],
    ['-50', { max: 50 }],
    ['0', { min: 0, max: 0 }],
    ['10-20', { min: 10, max: 20 }],
    ['20-10', null],
    ['-', null],
    ['abc', null],
  ])('%s', (text, range) => {
    expect(parseRange(text)).toEqual(range);
  });
});
