import type { ReactNode } from 'react';
import { featureCatalog } from '../../lib/features/index';
import { RulesEditor } from '../../lib/features/job-filters/Editor';
import { ScoreWeightsEditor } from '../../lib/features/job-score/Editor';
import { HighlightGroupsEditor } from '../../lib/features/keyword-highlights/Editor';
import { NotesList } from '../../lib/features/notes/Editor';
import { SavedSearches } from '../../lib/features/save-search/Editor';
import { WatchlistSection } from '../watchlist/WatchlistSection';
import { About } from './About';
import { AccountSetup } from './AccountSetup';
import { BlockListEditor } from './BlockListEditor';
import { ImportExport } from './ImportExport';
import { RequestLog } from './request-log/RequestLog';
import { SyncSettings } from './SyncSettings';

/**
 * The options page's sections, in navigation order. Each is a page of its own at
 * `options.html#/<id>`. `features` are the page features (lib/features/index.ts) whose on/off
 * switches the section shows: those that name the section as theirs; a unit test checks that every
 * feature names one that exists.
 */
export interface OptionsSection {
  id: string;
  title: string;
  /** One line under the title: what the section is for. */
  summary: string;
  features: readonly string[];
  body: () => ReactNode;
}

const sections: readonly Omit<OptionsSection, 'features'>[] = [
  {
    id: 'account',
    title: 'Account',
    summary: 'Your own Upwork API key, sign-in, and a test of the connection.',
    body: () => <AccountSetup />,
  },
  {
    id: 'pages',
    title: 'On Upwork’s pages',
    summary: 'What Loupe adds to job lists, job pages and freelancer profiles.',
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
    body: () => <SavedSearches />,
  },
  {
    id: 'watchlist',
    title: 'Watchlist',
    summary: 'Jobs you starred, checked through the official API, with what changed.',
    body: () => <WatchlistSection />,
  },
  {
    id: 'rules',
    title: 'Rules',
    summary: 'Hide or dim jobs by client, budget and words, on every list.',
    body: () => <RulesEditor />,
  },
  {
    id: 'score',
    title: 'Score',
    summary: 'A 0–100 score on each job, from the factors you weigh.',
    body: () => <ScoreWeightsEditor />,
  },
  {
    id: 'highlights',
    title: 'Highlights',
    summary: 'Keyword groups, each in its colour, marked in titles, descriptions and skills.',
    body: () => <HighlightGroupsEditor />,
  },
  {
    id: 'block-list',
    title: 'Block list',
    summary: 'Clients whose jobs you never want to see.',
    body: () => <BlockListEditor />,
  },
  {
    id: 'notes',
    title: 'Notes and tags',
    summary: 'Everything you noted about clients and jobs, searchable.',
    body: () => <NotesList />,
  },
  {
    id: 'backup',
    title: 'Backup',
    summary: 'Sync between your browsers, or download your settings, notes, block list and saved searches and bring them back.',
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
    body: () => <RequestLog />,
  },
  {
    id: 'about',
    title: 'About',
    summary: 'What Loupe does and never does, keyboard shortcuts, and the first-run guide.',
    body: () => <About />,
  },
];

export const optionsSections: readonly OptionsSection[] = sections.map((section) => ({
  ...section,
  features: featureCatalog.filter((feature) => feature.section === section.id).map((feature) => feature.id),
}));

export const DEFAULT_SECTION = 'account';

/** `#/rules` -> the Rules section; anything unknown -> the default. */
export function sectionFromHash(hash: string): OptionsSection {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return optionsSections.find((section) => section.id === id) ?? (optionsSections[0] as OptionsSection);
}
