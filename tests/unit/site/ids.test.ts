import { describe, expect, it } from 'vitest';
import {
  jobCiphertextFromUrl,
  jobIdFromAttribute,
  jobIdFromCiphertext,
  jobIdFromUrl,
  profileKeyFromUrl,
  profileKeyInText,
} from '../../../lib/upwork/site/ids';
import { freelancerProfileExamples, jobDetailsExamples, jobSliderExamples } from '../../../lib/upwork/site/urls';

describe('job ids', () => {
  it.each([
    ['2024696422907076268', '2024696422907076268'],
    [' 2024696422907076268 ', '2024696422907076268'],
    ['', null],
    [null, null],
    ['~022024696422907076268', null],
    ['12ab', null],
  ])('attribute %j -> %j', (value, id) => {
    expect(jobIdFromAttribute(value)).toBe(id);
  });

  it.each([
    ['~022024696422907076268', '2024696422907076268'],
    ['~01a1b2c3d4e5f6a7b8', null],
    ['~02abc', null],
    ['2024696422907076268', null],
  ])('ciphertext %s -> %j', (ciphertext, id) => {
    expect(jobIdFromCiphertext(ciphertext)).toBe(id);
  });

  it.each([
    ['/jobs/Senior-React-Developer_~022024696422907076268/', '~022024696422907076268', '2024696422907076268'],
    ['https://www.upwork.com/jobs/~022024696422907076268?referrer_url_path=x', '~022024696422907076268', '2024696422907076268'],
    ['/freelance-jobs/apply/Logo-design_~021999888777666555444/', '~021999888777666555444', '1999888777666555444'],
    ['/nx/search/jobs/details/~022024696422907076268?pageTitle=Job', '~022024696422907076268', '2024696422907076268'],
    ['/jobs/Old-style-job_~01a1b2c3d4e5f6a7b8/', '~01a1b2c3d4e5f6a7b8', null],
    ['/nx/search/jobs/?q=~02123', null, null],
    ['http://[bad', null, null],
  ])('url %s', (href, ciphertext, id) => {
    expect(jobCiphertextFromUrl(href)).toBe(ciphertext);
    expect(jobIdFromUrl(href)).toBe(id);
  });

  it.each([...jobDetailsExamples.filter((url) => url.includes('~02')), ...jobSliderExamples])(
    'every ~02 example yields a numeric id: %s',
    (url) => {
      expect(jobIdFromUrl(url)).toMatch(/^\d+$/);
    },
  );
});

describe('profile keys', () => {
  it.each([
    ['https://www.upwork.com/freelancers/~01abc123def456ghi7', '~01abc123def456ghi7'],
    ['https://www.upwork.com/freelancers/~01abc123def456ghi7/?viewMode=1', '~01abc123def456ghi7'],
    ['https://www.upwork.com/o/profiles/users/_~01abc123/', '~01abc123'],
    ['https://www.upwork.com/freelancers/janedoe', null],
    ['https://www.upwork.com/jobs/~022024696422907076268', null],
  ])('%s -> %j', (url, key) => {
    expect(profileKeyFromUrl(url)).toBe(key);
  });

  it('every keyed profile example yields its key', () => {
    const keyed = freelancerProfileExamples.filter((url) => url.includes('~01'));
    expect(keyed.length).toBeGreaterThan(2);
    for (const url of keyed) expect(profileKeyFromUrl(url)).toBe('~01abc123def456ghi7');
  });

  it('finds a key in a canonical URL, not in lookalike text', () => {
    expect(profileKeyInText('https://www.upwork.com/freelancers/~01abc123def456ghi7')).toBe('~01abc123def456ghi7');
    expect(profileKeyInText('https://www.upwork.com/freelancers/~01abc?x=1')).toBe('~01abc');
    expect(profileKeyInText('no key here x~01abc')).toBeNull();
  });
});
