import { seenJobsDoc } from '../settings/store';
import { heldDoc } from './held-doc';

/** The jobs the user has seen (up to 5,000), written by the worker only: held in its memory (held-doc.ts). */
export const seenJobs = heldDoc({
  name: 'the seen jobs',
  read: () => seenJobsDoc.get(),
  write: (seen) => seenJobsDoc.write(seen),
  empty: [],
});
