/**
 * Every page feature, in one explicit list and in the order they run: the content script runs
 * them and the options page builds its on/off switches from it. Each feature is a folder of its
 * own here; the README's Layout section says how to add one.
 */
import type { Feature } from '../page/feature';
import clientDossier from './client-dossier';
import freelancerProfileStats from './freelancer-profile-stats';
import jobDetailActivity from './job-detail-activity';
import jobFilters from './job-filters';
import jobScore from './job-score';
import jobTileClientPanel from './job-tile-client-panel';
import keywordHighlights from './keyword-highlights';
import { clientNotes, jobPageNotes } from './notes';
import pageExport from './page-export';
import saveSearch from './save-search';
import seenMarkers from './seen-markers';
import { watchStarJobPage, watchStarTiles } from './watchlist';

export const features: readonly Feature[] = [
  jobTileClientPanel,
  clientDossier,
  jobDetailActivity,
  freelancerProfileStats,
  jobFilters,
  jobScore,
  keywordHighlights,
  clientNotes,
  jobPageNotes,
  seenMarkers,
  pageExport,
  saveSearch,
  watchStarTiles,
  watchStarJobPage,
];

export interface FeatureInfo {
  id: string;
  title: string;
  description: string;
  section: string;
}

/** What the options page lists. */
export const featureCatalog: readonly FeatureInfo[] = features.map(({ id, title, description, section }) => ({
  id,
  title,
  description,
  section,
}));
