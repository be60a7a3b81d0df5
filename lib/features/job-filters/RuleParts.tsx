import { type ReactNode, useId } from 'react';
import { CheckField, NumberField, SelectField } from '../../../components/common/SettingsFields';
import type { RuleAction, RulesSettings } from '../../settings/schema';

/** The pieces the rules editor builds each rule from: its on/off and hide-or-dim row, keyword places, amount ranges. */

const actionOptions = [
  ['hide', 'Hide'],
  ['dim', 'Dim'],
] as const satisfies ReadonlyArray<readonly [RuleAction, string]>;

export type Edit = (change: (rules: RulesSettings) => RulesSettings) => void;

export function RuleBlock<K extends keyof RulesSettings>(props: {
  id: K;
  title: string;
  description: string;
  rules: RulesSettings;
  edit: Edit;
  children?: ReactNode;
}) {
  const descriptionId = useId();
  const rule = props.rules[props.id];
  const set = (patch: Partial<RulesSettings[K]>) => props.edit((rules) => ({ ...rules, [props.id]: { ...rules[props.id], ...patch } }));
  return (
    <fieldset className="loupe-rule" data-testid={`rule-${props.id}`} aria-describedby={descriptionId}>
      <legend>{props.title}</legend>
      <p id={descriptionId} className="loupe-hint">
        {props.description}
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

export function listText(list: readonly string[]): string {
  return list.join(', ');
}
export function textList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .slice(0, 300);
}

export function KeywordPlaces(props: {
  rule: { inTitle: boolean; inDescription: boolean; inSkills: boolean };
  set: (patch: Partial<{ inTitle: boolean; inDescription: boolean; inSkills: boolean }>) => void;
  testId: string;
}) {
  return (
    <span className="loupe-keyword-places">
      Look in:{' '}
      <CheckField
        label="title"
        checked={props.rule.inTitle}
        onChange={(inTitle) => props.set({ inTitle })}
        testId={`${props.testId}-title`}
      />
      <CheckField
        label="description"
        checked={props.rule.inDescription}
        onChange={(inDescription) => props.set({ inDescription })}
        testId={`${props.testId}-description`}
      />
      <CheckField
        label="skills"
        checked={props.rule.inSkills}
        onChange={(inSkills) => props.set({ inSkills })}
        testId={`${props.testId}-skills`}
      />
    </span>
  );
}

/** An optional "From … to …" pair of amounts; the budget and hourly-rate rules share it. */
export function RangeFields(props: {
  id: 'fixedBudget' | 'hourlyRate';
  unit: string;
  range: { min: number | null; max: number | null };
  set: (patch: Partial<{ min: number | null; max: number | null }>) => void;
  report: (key: string) => (valid: boolean) => void;
}) {
  return (
    <>
      <NumberField
        label="From"
        unit={props.unit}
        optional
        value={props.range.min}
        min={0}
        max={1_000_000_000}
        onChange={(min) => props.set({ min })}
        onValidity={props.report(`${props.id}.min`)}
        testId={`rule-${props.id}-min`}
      />
      <NumberField
        label="to"
        unit={props.unit}
        optional
        value={props.range.max}
        min={0}
        max={1_000_000_000}
        onChange={(max) => props.set({ max })}
        onValidity={props.report(`${props.id}.max`)}
        testId={`rule-${props.id}-max`}
      />
    </>
  );
}
