import { useId } from 'react';
import { browser } from 'wxt/browser';
import { formatTimeAgo } from '../../lib/helpers/time';
import { sendMessage } from '../../lib/messaging/client';
import type { LandmarkHealth } from '../../lib/messaging/messages/page';
import { usePolled } from './usePolled';

const PAGE_NAMES: Record<string, string> = {
  'job-search': 'job search',
  'find-work-feed': 'find-work feed',
  'job-details': 'job page',
  'job-slider': 'job details',
  'freelancer-profile': 'freelancer profile',
};

/** The report for the active tab's page when Loupe can tell (it sees the URL of upwork.com tabs only). */
export function pickReport(reports: readonly LandmarkHealth[], activeUrl: string | null): { report: LandmarkHealth; here: boolean } | null {
  const strip = (url: string) => url.replace(/#.*$/, '');
  const here = activeUrl ? reports.find((report) => strip(report.url) === strip(activeUrl)) : undefined;
  if (here) return { report: here, here: true };
  const newest = [...reports].sort((a, b) => b.at - a.at)[0];
  return newest ? { report: newest, here: false } : null;
}

export function healthWords(report: LandmarkHealth): { text: string; ok: boolean } {
  const entries = Object.entries(report.landmarks);
  const names = entries.map(([name]) => name);
  const missing = entries.filter(([, found]) => !found).map(([name]) => name);
  const off = report.disabledFeatures;
  const parts: string[] = [];
  if (missing.length === 0) parts.push(`all ${names.length} page landmarks found`);
  else parts.push(`Upwork’s page changed: ${missing.length} of ${names.length} landmarks not found (${missing.slice(0, 4).join(', ')})`);
  if (off.length > 0) parts.push(`switched off here: ${off.join(', ')}`);
  return { text: parts.join('; '), ok: missing.length === 0 && off.length === 0 };
}

/** One line on how Loupe's page annotations are doing, from the content script's landmark report. */
export function PageHealthLine() {
  const headingId = useId();
  // Asked again while open: a page sends its report a moment after it loads.
  const state = usePolled(async () => {
    // Without the "tabs" permission the URL is known only for tabs on upwork.com, which is all that matters here.
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
    const { reports } = await sendMessage('page.health', {});
    return pickReport(reports, tab?.url ?? null);
  });

  const picked = state.value;
  let line: { text: string; ok: boolean } | null = null;
  if (picked) {
    const words = healthWords(picked.report);
    const page = PAGE_NAMES[picked.report.page] ?? 'Upwork page';
    const where = picked.here
      ? `This ${page}`
      : `Last Upwork page (${page}, ${formatTimeAgo(new Date(picked.report.at), new Date()) ?? 'earlier'})`;
    line = { text: `${where}: ${words.text}.`, ok: words.ok };
  }
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Page annotations</h2>
      <p data-testid="page-health" data-ok={line ? String(line.ok) : undefined} className={line && !line.ok ? 'loupe-warn' : undefined}>
        {!state.loaded && 'Checking…'}
        {state.loaded && state.error}
        {state.loaded && !state.error && (line ? line.text : 'No Upwork page has been open since the browser started.')}
      </p>
    </section>
  );
}
