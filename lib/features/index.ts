/**
 * Every page feature, in one explicit list: the content script runs them and the options page
 * builds its on/off switches from it. Add a feature by importing it here (see registry.ts).
 */

import type { Feature } from '../page/feature';
import clientDossier from './client-dossier';
import freelancerProfileStats from './freelancer-profile-stats';
import jobDetailActivity from './job-detail-activity';
import jobTileClientPanel from './job-tile-client-panel';
import { powerFeatures } from './power-features';
import saveSearch from './save-search';
import { watchStarJobPage, watchStarTiles } from './watchlist/star';

export const features: readonly Feature[] = [
  jobTileClientPanel,
  clientDossier,
  jobDetailActivity,
  freelancerProfileStats,
  ...powerFeatures,
  saveSearch,
  watchStarTiles,
  watchStarJobPage,
];

export interface FeatureInfo {
  id: string;
  title: string;
  description: string;
}

/** What the options page lists. */
export const featureCatalog: readonly FeatureInfo[] = features.map(({ id, title, description }) => ({ id, title, description }));
