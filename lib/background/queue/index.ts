/** The throttle queue every Upwork API call in the worker goes through. */
export { browserQueueStorage, memoryQueueStorage } from './persistence';
export { createRequestQueue } from './queue';
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
