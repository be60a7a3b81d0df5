/** The worker's 24-hour cache of Upwork answers. */
export { type CacheKey, type CacheStats, createResponseCache, type ResponseCache } from './cache';
export { stableStringify } from './stable-stringify';
export { cacheKeyString } from './store';
