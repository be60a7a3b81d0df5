import type { ReactNode } from 'react';
import { WatchlistSection } from '../watchlist/WatchlistSection';
import { About } from './About';
import { AccountSetup } from './AccountSetup';
import { BlockListEditor } from './BlockListEditor';
import { HighlightGroupsEditor } from './HighlightGroups';
import { ImportExport } from './ImportExport';
import { NotesList } from './NotesList';
import { RulesEditor } from './RulesEditor';
import { RequestLog } from './request-log/RequestLog';
import { SavedSearches } from './SavedSearches';
import { ScoreWeightsEditor } from './ScoreWeights';
import { SyncSettings } from './SyncSettings';

/**
 * The options page's sections, in navigation order. Each is a page of its own at
 * `options.html#/<id>`. `features` names the page features (lib/features/index.ts) whose on/off
 * switches the section shows; a unit test checks that every feature has exactly one home here.
 */
export interface OptionsSection {
  id: string;
  title: string;
  /** One line under the title: what the section is for. */
  summary: string;
  features: readonly string[];
  body: () => ReactNode;
}

export const optionsSections: readonly OptionsSection[] = [
  {
    id: 'account',
    title: 'Account',
    summary: 'Your own Upwork API key, sign-in, and a test of the connection.',
    features: [],
    body: () => <AccountSetup />,
  },
  {
    id: 'pages',
    title: 'On Upwork’s pages',
    summary: 'What Loupe adds to job lists, job pages and freelancer profiles.',
    features: ['job-tile-client-panel', 'client-dossier', 'job-detail-activity', 'freelancer-profile-stats', 'seen-markers', 'page-export'],
    body: () => (
      <p className="loupe-hint" data-testid="dossier-keeps">
        Client history: Loupe remembers, on this computer only, each job it showed you for 90 days (at most 20,000 jobs, oldest dropped
        first): its title, when it was posted, the client’s id and the spend and hires the page showed you then. That record of what you saw
        is yours. Upwork’s answers themselves are kept no longer than Upwork’s terms allow (24 hours).
      </p>
    ),
  },
  {
    id: 'alerts',
    title: 'Alerts',
    summary: 'Saved searches Loupe checks through the official API, and tells you about new jobs.',
    features: ['save-search'],
    body: () => <SavedSearches />,
  },
  {
    id: 'watchlist',
    title: 'Watchlist',
    summary: 'Jobs you starred, checked through the official API, with what changed.',
    features: ['watch-star-tiles', 'watch-star-job-page'],
    body: () => <WatchlistSection />,
  },
  {
    id: 'rules',
    title: 'Rules',
    summary: 'Hide or dim jobs by client, budget and words, on every list.',
    features: ['job-filters'],
    body: () => <RulesEditor />,
  },
  {
    id: 'score',
    title: 'Score',
    summary: 'A 0–100 score on each job, from the factors you weigh.',
    features: ['job-score'],
    body: () => <ScoreWeightsEditor />,
  },
  {
    id: 'highlights',
    title: 'Highlights',
    summary: 'Keyword groups, each in its colour, marked in titles, descriptions and skills.',
    features: ['keyword-highlights'],
    body: () => <HighlightGroupsEditor />,
  },
  {
    id: 'block-list',
    title: 'Block list',
    summary: 'Clients whose jobs you never want to see.',
    features: [],
    body: () => <BlockListEditor />,
  },
  {
    id: 'notes',
    title: 'Notes and tags',
    summary: 'Everything you noted about clients and jobs, searchable.',
    features: ['client-notes', 'job-page-notes'],
    body: () => <NotesList />,
  },
  {
    id: 'backup',
    title: 'Backup',
    summary: 'Sync between your browsers, or download your settings, notes, block list and saved searches and bring them back.',
    features: [],
    body: () => (
      <>
        <SyncSettings />
        <ImportExport />
      </>
    ),
  },
  {
    id: 'requests',
    title: 'Request log',
    summary: 'Every request Loupe sent to Upwork in the last 7 days, who asked for it, and the day’s totals.',
    features: [],
    body: () => <RequestLog />,
  },
  {
    id: 'about',
    title: 'About',
    summary: 'What Loupe does and never does, keyboard shortcuts, and the first-run guide.',
    features: [],
    body: () => <About />,
  },
];

export const DEFAULT_SECTION = 'account';

/** `#/rules` -> the Rules section; anything unknown -> the default. */
export function sectionFromHash(hash: string): OptionsSection {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return optionsSections.find((section) => section.id === id) ?? (optionsSections[0] as OptionsSection);
}
