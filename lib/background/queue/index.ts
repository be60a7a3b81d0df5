/** The request queue every Upwork API call in the worker goes through, and the browser's one throttle it shares. */
export { browserQueueStorage, memoryQueueStorage } from './persistence';
export { createRequestQueue } from './queue';
export { createThrottle, DEFAULT_LIMITS, safeLimits, type Throttle, type ThrottleLimits } from './throttle';
export type {
  BatchKind,
  EnqueueOptions,
  Priority,
  QueueStatus,
  QueueStorage,
  QueueTimers,
  RequestQueue,
  RequestQueueOptions,
} from './types';
