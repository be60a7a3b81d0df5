import { useId, useMemo } from 'react';
import { NumberField, SaveBar, SelectField, TextField, useValidity } from '../../../components/common/SettingsFields';
import { useDraft, useLiveValue, useStoredDoc } from '../../../components/common/useStored';
import { ruleTitles } from '../../power/rule-titles';
import { evaluateRules, summarizeVerdicts } from '../../power/rules';
import { type BlockList, defaultSettings, type RulesSettings } from '../../settings/schema';
import { blockListDoc, pageSampleDoc, settingsDoc } from '../../settings/store';
import { Backtest } from './Backtest';

import { KeywordPlaces, listText, RangeFields, RuleBlock, textList } from './RuleParts';

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
  const stored = useStoredDoc(settingsDoc);
  const { draft, dirty, status, edit, save, discard } = useDraft(stored.status === 'ready' ? stored.value.rules : undefined);
  const validity = useValidity();
  const headingId = useId();

  if (stored.status === 'error') return <p role="alert">{stored.message}</p>;
  if (!draft) return <p role="status">Loading rules…</p>;
  const rules = draft;
  const setRule = <K extends keyof RulesSettings>(id: K, patch: Partial<RulesSettings[K]>) =>
    edit((current) => ({ ...current, [id]: { ...current[id], ...patch } }));

  return (
    <section className="loupe-power-section" aria-labelledby={headingId} data-testid="rules-editor">
      <h2 id={headingId}>Filter rules</h2>
      <p className="loupe-hint">
        Rules apply to job lists on Upwork. A hidden job leaves a one-line note saying which rule hid it; click it to show the job. Jobs
        missing the data a rule needs are never hidden by it.
      </p>

      <RuleBlock
        id="minClientSpend"
        title={ruleTitles.minClientSpend}
        description="Clients who keep their spend private are not affected."
        rules={rules}
        edit={edit}
      >
        <NumberField
          label="Spent at least"
          unit="USD"
          value={rules.minClientSpend.amount}
          min={0}
          max={1_000_000_000}
          onChange={(amount) => setRule('minClientSpend', { amount: amount ?? 0 })}
          onValidity={validity.report('minClientSpend')}
          testId="rule-minClientSpend-amount"
        />
      </RuleBlock>

      <RuleBlock
        id="minHireRate"
        title={ruleTitles.minHireRate}
        description="Hires divided by jobs posted. Clients posting their first job are not affected."
        rules={rules}
        edit={edit}
      >
        <NumberField
          label="Hires for at least"
          unit="% of jobs"
          value={rules.minHireRate.percent}
          min={0}
          max={100}
          onChange={(percent) => setRule('minHireRate', { percent: percent ?? 0 })}
          onValidity={validity.report('minHireRate')}
          testId="rule-minHireRate-percent"
        />
      </RuleBlock>

      <RuleBlock
        id="paymentVerified"
        title={ruleTitles.paymentVerified}
        description="Clients whose payment method Upwork has not verified."
        rules={rules}
        edit={edit}
      />

      <RuleBlock
        id="minRating"
        title={ruleTitles.minRating}
        description="Average feedback from freelancers, 0–5. Clients with no reviews yet are not affected."
        rules={rules}
        edit={edit}
      >
        <NumberField
          label="Rated at least"
          unit="of 5"
          value={rules.minRating.rating}
          min={0}
          max={5}
          onChange={(rating) => setRule('minRating', { rating: rating ?? 0 })}
          onValidity={validity.report('minRating')}
          testId="rule-minRating-rating"
        />
      </RuleBlock>

      <RuleBlock
        id="countries"
        title={ruleTitles.countries}
        description="Country names as Upwork shows them, separated by commas. Clients whose country is not shown are not affected."
        rules={rules}
        edit={edit}
      >
        <TextField
          label="Only these countries (empty: any)"
          value={listText(rules.countries.include)}
          maxLength={6_000}
          onChange={(text) => setRule('countries', { include: textList(text) })}
          testId="rule-countries-include"
        />
        <TextField
          label="Never these countries"
          value={listText(rules.countries.exclude)}
          maxLength={6_000}
          onChange={(text) => setRule('countries', { exclude: textList(text) })}
          testId="rule-countries-exclude"
        />
      </RuleBlock>

      <RuleBlock
        id="maxProposals"
        title={ruleTitles.maxProposals}
        description="Jobs where Upwork does not report the proposal count are not affected."
        rules={rules}
        edit={edit}
      >
        <NumberField
          label="At most"
          unit="proposals"
          integer
          value={rules.maxProposals.max}
          min={0}
          max={10_000}
          onChange={(max) => setRule('maxProposals', { max: max ?? 0 })}
          onValidity={validity.report('maxProposals')}
          testId="rule-maxProposals-max"
        />
      </RuleBlock>

      <RuleBlock
        id="fixedBudget"
        title={ruleTitles.fixedBudget}
        description="Fixed-price jobs only. An open budget is not affected."
        rules={rules}
        edit={edit}
      >
        <RangeFields
          id="fixedBudget"
          unit="USD"
          range={rules.fixedBudget}
          set={(patch) => setRule('fixedBudget', patch)}
          report={validity.report}
        />
      </RuleBlock>

      <RuleBlock
        id="hourlyRate"
        title={ruleTitles.hourlyRate}
        description="Hourly jobs only: hides jobs paying at most less than your minimum, or at least more than your maximum. Jobs with no rate are not affected."
        rules={rules}
        edit={edit}
      >
        <RangeFields
          id="hourlyRate"
          unit="USD/hr"
          range={rules.hourlyRate}
          set={(patch) => setRule('hourlyRate', patch)}
          report={validity.report}
        />
      </RuleBlock>

      <RuleBlock
        id="requireKeywords"
        title={ruleTitles.requireKeywords}
        description='Words or "quoted phrases", separated by spaces or commas. Whole words, any case.'
        rules={rules}
        edit={edit}
      >
        <TextField
          label="Keywords"
          value={rules.requireKeywords.terms}
          maxLength={2_000}
          placeholder='react, "next.js"'
          onChange={(terms) => setRule('requireKeywords', { terms })}
          testId="rule-requireKeywords-terms"
        />
        <SelectField
          label="Job must mention"
          value={rules.requireKeywords.match}
          options={[
            ['any', 'any of them'],
            ['all', 'all of them'],
          ]}
          onChange={(match) => setRule('requireKeywords', { match })}
          testId="rule-requireKeywords-match"
        />
        <KeywordPlaces rule={rules.requireKeywords} set={(patch) => setRule('requireKeywords', patch)} testId="rule-requireKeywords-in" />
      </RuleBlock>

      <RuleBlock
        id="excludeKeywords"
        title={ruleTitles.excludeKeywords}
        description='Words or "quoted phrases", separated by spaces or commas. Whole words, any case.'
        rules={rules}
        edit={edit}
      >
        <TextField
          label="Keywords"
          value={rules.excludeKeywords.terms}
          maxLength={2_000}
          placeholder="wordpress, unpaid"
          onChange={(terms) => setRule('excludeKeywords', { terms })}
          testId="rule-excludeKeywords-terms"
        />
        <KeywordPlaces rule={rules.excludeKeywords} set={(patch) => setRule('excludeKeywords', patch)} testId="rule-excludeKeywords-in" />
      </RuleBlock>

      <RuleBlock
        id="blockedClients"
        title={ruleTitles.blockedClients}
        description="Clients on your block list (below). Jobs Loupe cannot tie to a client are not affected."
        rules={rules}
        edit={edit}
      />

      <LiveCount rules={rules} />
      <Backtest rules={rules} />
      <SaveBar
        dirty={dirty}
        valid={validity.valid}
        status={status}
        testId="rules"
        onSave={() => void save((value) => settingsDoc.update((settings) => ({ ...settings, rules: value })), draft)}
        onDiscard={discard}
        extra={
          <button type="button" data-testid="rules-reset" onClick={() => edit(() => defaultSettings().rules)}>
            Reset to defaults
          </button>
        }
      />
    </section>
  );
}
