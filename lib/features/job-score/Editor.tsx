import { useId } from 'react';
import { NumberField, SaveBar, TextField, useValidity } from '../../../components/common/SettingsFields';
import { useSettingsDraft } from '../../../components/common/useSettingsDraft';
import { scoreFactorLabels } from '../../power/score';
import { type ScoreFactorId, type Settings, scoreFactorIds } from '../../settings/schema';

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

type ScoreSettings = Settings['score'];

/** A number the factors compare against; one that may not be empty falls back to its minimum. */
interface NumberSpec {
  key: 'targetHourlyRate' | 'targetFixedBudget' | 'fullSpendAt' | 'workStartHour' | 'workEndHour';
  label: string;
  unit: string;
  min: number;
  max: number;
  optional?: boolean;
  integer?: boolean;
  testId: string;
}

const targetFields: NumberSpec[] = [
  {
    key: 'targetHourlyRate',
    label: 'Your hourly rate',
    unit: 'USD/hr',
    optional: true,
    min: 0,
    max: 1_000_000,
    testId: 'score-target-hourly',
  },
  {
    key: 'targetFixedBudget',
    label: 'Smallest fixed budget you take',
    unit: 'USD',
    optional: true,
    min: 0,
    max: 1_000_000_000,
    testId: 'score-target-fixed',
  },
  { key: 'fullSpendAt', label: 'Client spend for full points', unit: 'USD', min: 1, max: 100_000_000, testId: 'score-full-spend' },
];

const hourFields: NumberSpec[] = [
  { key: 'workStartHour', label: 'Your working hours from', unit: ':00', integer: true, min: 0, max: 24, testId: 'score-work-start' },
  { key: 'workEndHour', label: 'to', unit: ':00 (your time)', integer: true, min: 0, max: 24, testId: 'score-work-end' },
];

function ScoreNumber(props: {
  field: NumberSpec;
  score: ScoreSettings;
  edit: (change: (current: ScoreSettings) => ScoreSettings) => void;
  report: (key: string) => (valid: boolean) => void;
}) {
  const { key, optional, min } = props.field;
  return (
    <NumberField
      label={props.field.label}
      unit={props.field.unit}
      optional={optional}
      integer={props.field.integer}
      value={props.score[key]}
      min={min}
      max={props.field.max}
      onChange={(value) => props.edit((current) => ({ ...current, [key]: optional ? value : (value ?? min) }))}
      onValidity={props.report(key)}
      testId={props.field.testId}
    />
  );
}

/** How the 0–100 job score is made: the user's weights, and the targets some factors compare against. */
export function ScoreWeightsEditor() {
  const editor = useSettingsDraft('score', 'Loading the score settings…');
  const validity = useValidity();
  const headingId = useId();

  if (!editor.ready) return editor.placeholder;
  const { draft: score, edit, reset, saveBar } = editor;
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
        {targetFields.map((field) => (
          <ScoreNumber key={field.key} field={field} score={score} edit={edit} report={validity.report} />
        ))}
        <TextField
          label="Your keywords"
          value={score.keywords}
          maxLength={2_000}
          placeholder='react, typescript, "design system"'
          hint='Words or "quoted phrases", separated by spaces or commas.'
          onChange={(keywords) => edit((current) => ({ ...current, keywords }))}
          testId="score-keywords"
        />
        {hourFields.map((field) => (
          <ScoreNumber key={field.key} field={field} score={score} edit={edit} report={validity.report} />
        ))}
      </fieldset>

      <SaveBar {...saveBar} valid={validity.valid} testId="score" onReset={reset} />
    </section>
  );
}
