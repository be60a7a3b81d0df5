import { type ReactNode, useId } from 'react';
import { CheckField, NumberField, SelectField, TextField } from '../../../components/common/SettingsFields';
import { ruleTitles } from '../../power/rule-titles';
import type { RuleAction, RuleId, RulesSettings } from '../../settings/schema';

/** The pieces the rules editor builds each rule from: its on/off and hide-or-dim row, keyword places, amount ranges. */

const actionOptions = [
  ['hide', 'Hide'],
  ['dim', 'Dim'],
] as const satisfies ReadonlyArray<readonly [RuleAction, string]>;

/** What each rule does, under its title. A rule never hides a job for data the job lacks, so most say which jobs it leaves alone. */
const descriptions: Record<RuleId, string> = {
  minClientSpend: 'Clients who keep their spend private are not affected.',
  minHireRate: 'Hires divided by jobs posted. Clients posting their first job are not affected.',
  paymentVerified: 'Clients whose payment method Upwork has not verified.',
  minRating: 'Average feedback from freelancers, 0–5. Clients with no reviews yet are not affected.',
  countries: 'Country names as Upwork shows them, separated by commas. Clients whose country is not shown are not affected.',
  maxProposals: 'Jobs where Upwork does not report the proposal count are not affected.',
  fixedBudget: 'Fixed-price jobs only. An open budget is not affected.',
  hourlyRate:
    'Hourly jobs only: hides jobs paying at most less than your minimum, or at least more than your maximum. Jobs with no rate are not affected.',
  requireKeywords: 'Words or "quoted phrases", separated by spaces or commas. Whole words, any case.',
  excludeKeywords: 'Words or "quoted phrases", separated by spaces or commas. Whole words, any case.',
  blockedClients: 'Clients on your block list (below). Jobs Loupe cannot tie to a client are not affected.',
};

export type Edit = (change: (rules: RulesSettings) => RulesSettings) => void;

/** The draft rules, how to change them, and where a field reports whether its text is valid. */
export interface RuleForm {
  rules: RulesSettings;
  edit: Edit;
  report: (key: string) => (valid: boolean) => void;
}

function setter<K extends RuleId>(form: RuleForm, id: K) {
  return (patch: Partial<RulesSettings[K]>) => form.edit((rules) => ({ ...rules, [id]: { ...rules[id], ...patch } }));
}

export function RuleBlock<K extends RuleId>(props: { id: K; form: RuleForm; children?: ReactNode }) {
  const descriptionId = useId();
  const rule = props.form.rules[props.id];
  const set = setter(props.form, props.id);
  return (
    <fieldset className="loupe-rule" data-testid={`rule-${props.id}`} aria-describedby={descriptionId}>
      <legend>{ruleTitles[props.id]}</legend>
      <p id={descriptionId} className="loupe-hint">
        {descriptions[props.id]}
      </p>
      <div className="loupe-rule-row">
        <CheckField
          label="On"
          checked={rule.enabled}
          onChange={(enabled) => set({ enabled } as Partial<RulesSettings[K]>)}
          testId={`rule-${props.id}-enabled`}
        />
        <SelectField
          label="Matching jobs:"
          value={rule.action}
          options={actionOptions}
          onChange={(action) => set({ action } as Partial<RulesSettings[K]>)}
          testId={`rule-${props.id}-action`}
        />
        {props.children}
      </div>
    </fieldset>
  );
}

/** The rules that compare one number of the client or the job with yours, and which of the rule's fields holds it. */
interface OneNumber {
  minClientSpend: 'amount';
  minHireRate: 'percent';
  minRating: 'rating';
  maxProposals: 'max';
}

export function NumberRule<K extends keyof OneNumber>(props: {
  id: K;
  field: OneNumber[K];
  label: string;
  unit: string;
  max: number;
  integer?: boolean;
  form: RuleForm;
}) {
  const { id, field, form } = props;
  const set = setter(form, id);
  return (
    <RuleBlock id={id} form={form}>
      <NumberField
        label={props.label}
        unit={props.unit}
        integer={props.integer}
        value={(form.rules[id] as Record<OneNumber[K], number>)[field]}
        min={0}
        max={props.max}
        onChange={(value) => set({ [field]: value ?? 0 } as Partial<RulesSettings[K]>)}
        onValidity={form.report(id)}
        testId={`rule-${id}-${field}`}
      />
    </RuleBlock>
  );
}

function listText(list: readonly string[]): string {
  return list.join(', ');
}
function textList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .slice(0, 300);
}

const countryLists = [
  ['include', 'Only these countries (empty: any)'],
  ['exclude', 'Never these countries'],
] as const;

export function CountriesRule(props: { form: RuleForm }) {
  const { form } = props;
  const set = setter(form, 'countries');
  return (
    <RuleBlock id="countries" form={form}>
      {countryLists.map(([list, label]) => (
        <TextField
          key={list}
          label={label}
          value={listText(form.rules.countries[list])}
          maxLength={6_000}
          onChange={(text) => set({ [list]: textList(text) })}
          testId={`rule-countries-${list}`}
        />
      ))}
    </RuleBlock>
  );
}

const places = [
  ['inTitle', 'title'],
  ['inDescription', 'description'],
  ['inSkills', 'skills'],
] as const;

/** Words a job must, or must not, mention, and where to look for them; `children` come between the words and the places. */
export function KeywordRule(props: {
  id: 'requireKeywords' | 'excludeKeywords';
  placeholder: string;
  form: RuleForm;
  children?: ReactNode;
}) {
  const { id, form } = props;
  const rule = form.rules[id];
  const set = setter(form, id);
  return (
    <RuleBlock id={id} form={form}>
      <TextField
        label="Keywords"
        value={rule.terms}
        maxLength={2_000}
        placeholder={props.placeholder}
        onChange={(terms) => set({ terms })}
        testId={`rule-${id}-terms`}
      />
      {props.children}
      <span className="loupe-keyword-places">
        Look in:{' '}
        {places.map(([place, label]) => (
          <CheckField
            key={place}
            label={label}
            checked={rule[place]}
            onChange={(checked) => set({ [place]: checked })}
            testId={`rule-${id}-in-${label}`}
          />
        ))}
      </span>
    </RuleBlock>
  );
}

/** An optional "From … to …" pair of amounts; the budget and hourly-rate rules share it. */
export function RangeRule(props: { id: 'fixedBudget' | 'hourlyRate'; unit: string; form: RuleForm }) {
  const { id, form } = props;
  const set = setter(form, id);
  return (
    <RuleBlock id={id} form={form}>
      {(['min', 'max'] as const).map((end) => (
        <NumberField
          key={end}
          label={end === 'min' ? 'From' : 'to'}
          unit={props.unit}
          optional
          value={form.rules[id][end]}
          min={0}
          max={1_000_000_000}
          onChange={(value) => set({ [end]: value })}
          onValidity={form.report(`${id}.${end}`)}
          testId={`rule-${id}-${end}`}
        />
      ))}
    </RuleBlock>
  );
}
