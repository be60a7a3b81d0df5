/** The worker's 24-hour cache of Upwork answers. */
export {
  type CacheEntry,
  type CacheKey,
  type CacheLookup,
  type CacheOptions,
  type CacheStats,
  cacheKeyString,
  createResponseCache,
  DEFAULT_MAX_ENTRIES,
  type Fetcher,
  type GetOrFetchOptions,
  type ResponseCache,
} from './cache';
export { stableStringify } from './stable-stringify';
