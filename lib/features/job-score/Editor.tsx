import { useId } from 'react';
import { NumberField, SaveBar, TextField, useValidity } from '../../../components/common/SettingsFields';
import { useDraft, useStoredDoc } from '../../../components/common/useStored';
import { scoreFactorLabels } from '../../power/score';
import { defaultSettings, type ScoreFactorId, scoreFactorIds } from '../../settings/schema';
import { settingsDoc } from '../../settings/store';

const factorHelp: Record<ScoreFactorId, string> = {
  clientSpend: 'How much the client has spent on Upwork (log scale).',
  hireRate: 'Share of the client’s posted jobs that led to a hire.',
  rating: 'The client’s average feedback; 3.5 or less gets no points.',
  paymentVerified: 'Whether Upwork verified the client’s payment method.',
  proposals: 'Fewer proposals, better odds; none at 50 or more.',
  budgetFit: 'The job’s budget or rate against yours (below).',
  keywordMatch: 'How many of your keywords (below) the job mentions.',
  timeOverlap: 'Hours your working day shares with the client’s 9:00–17:00.',
};

function WeightSlider(props: { id: ScoreFactorId; value: number; share: number; onChange: (value: number) => void }) {
  const inputId = useId();
  const helpId = useId();
  return (
    <li className="loupe-weight" data-testid={`weight-${props.id}`}>
      <label htmlFor={inputId}>{scoreFactorLabels[props.id]}</label>
      <input
        id={inputId}
        type="range"
        min={0}
        max={10}
        step={1}
        value={props.value}
        aria-describedby={helpId}
        aria-valuetext={props.value === 0 ? 'off' : `weight ${props.value}, ${props.share}% of the score`}
        data-testid={`weight-${props.id}-input`}
        onChange={(event) => props.onChange(Number(event.currentTarget.value))}
      />
      <output htmlFor={inputId} data-testid={`weight-${props.id}-share`}>
        {props.value === 0 ? 'off' : `${props.share}%`}
      </output>
      <span id={helpId} className="loupe-hint">
        {factorHelp[props.id]}
      </span>
    </li>
  );
}

/** How the 0–100 job score is made: the user's weights, and the targets some factors compare against. */
export function ScoreWeightsEditor() {
  const stored = useStoredDoc(settingsDoc);
  const { draft, dirty, status, edit, save, discard } = useDraft(stored.status === 'ready' ? stored.value.score : undefined);
  const validity = useValidity();
  const headingId = useId();

  if (stored.status === 'error') return <p role="alert">{stored.message}</p>;
  if (!draft) return <p role="status">Loading the score settings…</p>;
  const score = draft;
  const weightSum = scoreFactorIds.reduce((sum, id) => sum + score.weights[id], 0);

  return (
    <section className="loupe-power-section" aria-labelledby={headingId} data-testid="score-editor">
      <h2 id={headingId}>Job score</h2>
      <p className="loupe-hint">
        Each job gets 0–100 points. Every factor you weigh gets a share of the 100 points in proportion to its weight; a weight of 0 leaves
        it out. When a job lacks the data for a factor, that factor gets half its share. Hover a score on Upwork to see its breakdown.
      </p>
      <ul className="loupe-weights">
        {scoreFactorIds.map((id) => (
          <WeightSlider
            key={id}
            id={id}
            value={score.weights[id]}
            share={weightSum === 0 ? 0 : Math.round((100 * score.weights[id]) / weightSum)}
            onChange={(value) => edit((current) => ({ ...current, weights: { ...current.weights, [id]: value } }))}
          />
        ))}
      </ul>
      {weightSum === 0 && <p role="status">All weights are 0: jobs will show no score.</p>}

      <fieldset className="loupe-rule">
        <legend>What the factors compare against</legend>
        <NumberField
          label="Your hourly rate"
          unit="USD/hr"
          optional
          value={score.targetHourlyRate}
          min={0}
          max={1_000_000}
          onChange={(targetHourlyRate) => edit((current) => ({ ...current, targetHourlyRate }))}
          onValidity={validity.report('targetHourlyRate')}
          testId="score-target-hourly"
        />
        <NumberField
          label="Smallest fixed budget you take"
          unit="USD"
          optional
          value={score.targetFixedBudget}
          min={0}
          max={1_000_000_000}
          onChange={(targetFixedBudget) => edit((current) => ({ ...current, targetFixedBudget }))}
          onValidity={validity.report('targetFixedBudget')}
          testId="score-target-fixed"
        />
        <NumberField
          label="Client spend for full points"
          unit="USD"
          value={score.fullSpendAt}
          min={1}
          max={100_000_000}
          onChange={(fullSpendAt) => edit((current) => ({ ...current, fullSpendAt: fullSpendAt ?? 1 }))}
          onValidity={validity.report('fullSpendAt')}
          testId="score-full-spend"
        />
        <TextField
          label="Your keywords"
          value={score.keywords}
          maxLength={2_000}
          placeholder='react, typescript, "design system"'
          hint='Words or "quoted phrases", separated by spaces or commas.'
          onChange={(keywords) => edit((current) => ({ ...current, keywords }))}
          testId="score-keywords"
        />
        <NumberField
          label="Your working hours from"
          unit=":00"
          integer
          value={score.workStartHour}
          min={0}
          max={24}
          onChange={(workStartHour) => edit((current) => ({ ...current, workStartHour: workStartHour ?? 0 }))}
          onValidity={validity.report('workStartHour')}
          testId="score-work-start"
        />
        <NumberField
          label="to"
          unit=":00 (your time)"
          integer
          value={score.workEndHour}
          min={0}
          max={24}
          onChange={(workEndHour) => edit((current) => ({ ...current, workEndHour: workEndHour ?? 0 }))}
          onValidity={validity.report('workEndHour')}
          testId="score-work-end"
        />
      </fieldset>

      <SaveBar
        dirty={dirty}
        valid={validity.valid}
        status={status}
        testId="score"
        onSave={() => void save((value) => settingsDoc.update((settings) => ({ ...settings, score: value })), draft)}
        onDiscard={discard}
        extra={
          <button type="button" data-testid="score-reset" onClick={() => edit(() => defaultSettings().score)}>
            Reset to defaults
          </button>
        }
      />
    </section>
  );
}
