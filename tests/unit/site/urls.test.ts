import { describe, expect, it } from 'vitest';
import {
  findWorkFeed,
  findWorkFeedExamples,
  freelancerProfileExamples,
  isFindWorkFeed,
  isFreelancerProfile,
  isJobDetails,
  isJobSearch,
  isJobSlider,
  jobDetailsExamples,
  jobSearchExamples,
  jobSliderExamples,
  jobUrl,
  mirrorQueryFor,
  otherPageExamples,
  pageKind,
} from '../../../lib/upwork/site/urls';

const detectors = {
  isJobSearch: { detect: isJobSearch, examples: jobSearchExamples, kind: 'job-search' },
  isFindWorkFeed: { detect: isFindWorkFeed, examples: findWorkFeedExamples, kind: 'find-work-feed' },
  isJobDetails: { detect: isJobDetails, examples: jobDetailsExamples, kind: 'job-details' },
  isJobSlider: { detect: isJobSlider, examples: jobSliderExamples, kind: 'job-slider' },
  isFreelancerProfile: { detect: isFreelancerProfile, examples: freelancerProfileExamples, kind: 'freelancer-profile' },
} as const;

const names = Object.keys(detectors) as (keyof typeof detectors)[];

describe('URL detectors', () => {
  const own = names.flatMap((name) => detectors[name].examples.map((url) => [name, url] as const));
  it.each(own)('%s matches its own example %s', (name, url) => {
    expect(detectors[name].detect(url)).toBe(true);
    expect(detectors[name].detect(new URL(url))).toBe(true);
    expect(pageKind(url)).toBe(detectors[name].kind);
  });

  const foreign = names.flatMap((name) =>
    names.filter((other) => other !== name).flatMap((other) => detectors[other].examples.map((url) => [name, other, url] as const)),
  );
  it.each(foreign)('%s is false on %s example %s', (name, _other, url) => {
    expect(detectors[name].detect(url)).toBe(false);
  });

  const others = names.flatMap((name) => otherPageExamples.map((url) => [name, url] as const));
  it.each(others)('%s is false on unrelated page %s', (name, url) => {
    expect(detectors[name].detect(url)).toBe(false);
  });

  it.each(otherPageExamples)('pageKind(%s) is other', (url) => {
    expect(pageKind(url)).toBe('other');
  });
});

describe('findWorkFeed', () => {
  it.each([
    ['https://www.upwork.com/nx/find-work/best-matches', 'best-matches'],
    ['https://www.upwork.com/nx/find-work/most-recent', 'most-recent'],
    ['https://www.upwork.com/nx/s/find-work/my-feed/', 'my-feed'],
    ['https://www.upwork.com/nx/s/find-work/saved-jobs?page=2', 'saved-jobs'],
    ['https://www.upwork.com/nx/find-work/', 'best-matches'],
    ['https://www.upwork.com/nx/find-work/proposals', null],
  ])('%s -> %s', (url, feed) => {
    expect(findWorkFeed(url)).toBe(feed);
  });
});

describe('mirrorQueryFor', () => {
  it.each([
    ['search, first batch', 'https://www.upwork.com/nx/search/jobs/?q=react&page=2', 0, 10, { q: 'react', offset: 10, pageSize: 10 }],
    ['search, appended page', 'https://www.upwork.com/nx/search/jobs/?q=react', 10, 10, { q: 'react', offset: 10, pageSize: 10 }],
    ['search, big batch', 'https://www.upwork.com/nx/search/jobs/?per_page=20', 0, 45, { offset: 0, pageSize: 50 }],
    [
      'most recent is a search for everything',
      'https://www.upwork.com/nx/find-work/most-recent',
      20,
      10,
      { offset: 20, pageSize: 10, sort: 'RECENCY' },
    ],
    ['best matches has nothing to mirror', 'https://www.upwork.com/nx/find-work/best-matches', 0, 10, undefined],
    ['the slider over a search has no search of its own', 'https://www.upwork.com/nx/search/jobs/details/~021', 0, 1, undefined],
  ])('%s', (_name, url, position, count, query) => {
    expect(mirrorQueryFor(url, position, count)).toEqual(query);
  });
});

describe('jobUrl', () => {
  it('links the ciphertext when known and builds it from the id when missing', () => {
    expect(jobUrl('123', '~01abc')).toBe('https://www.upwork.com/jobs/~01abc');
    expect(jobUrl('123', '')).toBe('https://www.upwork.com/jobs/~02123');
    expect(jobUrl('123')).toBe('https://www.upwork.com/jobs/~02123');
  });
});
