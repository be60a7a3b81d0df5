import { useId, useMemo } from 'react';
import { SaveBar, SelectField, useValidity } from '../../../components/common/SettingsFields';
import { useSettingsDraft } from '../../../components/common/useSettingsDraft';
import { useLiveValue, useStoredDoc } from '../../../components/common/useStored';
import { evaluateRules, summarizeVerdicts } from '../../power/rules';
import type { BlockList, RulesSettings } from '../../settings/schema';
import { blockListDoc, pageSampleDoc } from '../../settings/store';
import { Backtest } from './Backtest';

import { CountriesRule, KeywordRule, NumberRule, RangeRule, RuleBlock } from './RuleParts';

function minutesAgo(at: number): string {
  const minutes = Math.max(0, Math.round((Date.now() - at) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return `${hours} h ago`;
}

/**
 * What the draft rules would do to the last Upwork list you looked at (kept by the filters on
 * that page for up to 24 hours), recounted on every edit before anything is saved.
 */
function LiveCount(props: { rules: RulesSettings }) {
  const sample = useLiveValue(pageSampleDoc);
  const blocks = useStoredDoc(blockListDoc);
  const blockList: BlockList = blocks.status === 'ready' ? blocks.value : { clients: [] };
  const counts = useMemo(
    () => (sample ? summarizeVerdicts(sample.jobs.map((job) => evaluateRules(job, props.rules, { blockList }))) : null),
    [sample, props.rules, blockList],
  );
  if (!sample || !counts) {
    return (
      <p className="loupe-hint" data-testid="rules-live-count">
        Open a job search or feed on Upwork to see here how many of its jobs these rules would hide.
      </p>
    );
  }
  return (
    <p role="status" aria-live="polite" data-testid="rules-live-count">
      On your last Upwork list ({sample.title || 'Upwork'}, {minutesAgo(sample.at)}), these rules would hide {counts.hidden} and dim{' '}
      {counts.dimmed} of {sample.jobs.length} jobs.
    </p>
  );
}

/**
 * The rules that hide or dim jobs on Upwork's lists. A rule never hides a job for data the job
 * lacks (a client with no reviews passes a rating rule); the descriptions say so.
 */
export function RulesEditor() {
  const editor = useSettingsDraft('rules', 'Loading rules…');
  const validity = useValidity();
  const headingId = useId();

  if (!editor.ready) return editor.placeholder;
  const { draft: rules, edit, reset, saveBar } = editor;
  const form = { rules, edit, report: validity.report };

  return (
    <section className="loupe-power-section" aria-labelledby={headingId} data-testid="rules-editor">
      <h2 id={headingId}>Filter rules</h2>
      <p className="loupe-hint">
        Rules apply to job lists on Upwork. A hidden job leaves a one-line note saying which rule hid it; click it to show the job. Jobs
        missing the data a rule needs are never hidden by it.
      </p>

      <NumberRule id="minClientSpend" field="amount" label="Spent at least" unit="USD" max={1_000_000_000} form={form} />
      <NumberRule id="minHireRate" field="percent" label="Hires for at least" unit="% of jobs" max={100} form={form} />
      <RuleBlock id="paymentVerified" form={form} />
      <NumberRule id="minRating" field="rating" label="Rated at least" unit="of 5" max={5} form={form} />
      <CountriesRule form={form} />
      <NumberRule id="maxProposals" field="max" label="At most" unit="proposals" integer max={10_000} form={form} />
      <RangeRule id="fixedBudget" unit="USD" form={form} />
      <RangeRule id="hourlyRate" unit="USD/hr" form={form} />
      <KeywordRule id="requireKeywords" placeholder='react, "next.js"' form={form}>
        <SelectField
          label="Job must mention"
          value={rules.requireKeywords.match}
          options={[
            ['any', 'any of them'],
            ['all', 'all of them'],
          ]}
          onChange={(match) => edit((current) => ({ ...current, requireKeywords: { ...current.requireKeywords, match } }))}
          testId="rule-requireKeywords-match"
        />
      </KeywordRule>
      <KeywordRule id="excludeKeywords" placeholder="wordpress, unpaid" form={form} />
      <RuleBlock id="blockedClients" form={form} />

      <LiveCount rules={rules} />
      <Backtest rules={rules} />
      <SaveBar {...saveBar} valid={validity.valid} testId="rules" onReset={reset} />
    </section>
  );
}
