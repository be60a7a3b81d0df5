/** The request queue every Upwork API call in the worker goes through, and the browser's one throttle it shares. */
export { browserQueueStorage, memoryQueueStorage } from './persistence';
export { createRequestQueue } from './queue';
export { createThrottle, type Throttle } from './throttle';
export type { BatchKind, QueueStorage, RequestQueue } from './types';
