import type { Feature } from '../page/feature';
import clientNotes from './client-notes';
import jobFilters from './job-filters';
import jobPageNotes from './job-page-notes';
import jobScore from './job-score';
import keywordHighlights from './keyword-highlights';
import pageExport from './page-export';
import seenMarkers from './seen-markers';

/**
 * The power-tool page features (filters, score, highlights, notes and blocking, seen marks,
 * export), in the order they should run. index.ts adds them to Loupe's one feature list.
 */
export const powerFeatures: readonly Feature[] = [
  jobFilters,
  jobScore,
  keywordHighlights,
  clientNotes,
  jobPageNotes,
  seenMarkers,
  pageExport,
];
