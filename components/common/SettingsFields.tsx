import { type ReactNode, useEffect, useId, useState } from 'react';

/** Small accessible form parts shared by the power-tools editors. */

function parseTyped(text: string): number | null {
  const trimmed = text.trim().replace(/,/g, '');
  return trimmed === '' ? null : Number(trimmed);
}

export function NumberField(props: {
  label: string;
  value: number | null;
  onChange: (value: number | null) => void;
  onValidity?: (valid: boolean) => void;
  min?: number;
  max?: number;
  step?: number;
  /** Empty means "no limit" (null) when true; otherwise a number is required. */
  optional?: boolean;
  integer?: boolean;
  unit?: string;
  testId?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const errorId = useId();
  const [text, setText] = useState(props.value === null ? '' : String(props.value));
  const [error, setError] = useState<string | null>(null);

  // Follow outside changes (discard, reset) unless the field already shows that value as typed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new value should reset the field
  useEffect(() => {
    setText((current) => (parseTyped(current) === props.value ? current : props.value === null ? '' : String(props.value)));
    setError(null);
    props.onValidity?.(true);
  }, [props.value]);

  const change = (next: string) => {
    setText(next);
    const value = parseTyped(next);
    let problem: string | null = null;
    if (value === null) {
      if (!props.optional) problem = 'Enter a number.';
    } else {
      if (!Number.isFinite(value)) problem = 'Enter a number, like 1000.';
      else if (props.integer && !Number.isInteger(value)) problem = 'Enter a whole number.';
      else if (props.min !== undefined && value < props.min) problem = `Enter ${props.min} or more.`;
      else if (props.max !== undefined && value > props.max) problem = `Enter ${props.max} or less.`;
    }
    setError(problem);
    props.onValidity?.(problem === null);
    if (problem === null) props.onChange(value);
  };

  return (
    <span className="loupe-field">
      <label htmlFor={id}>{props.label}</label>{' '}
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        disabled={props.disabled}
        placeholder={props.optional ? 'no limit' : undefined}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        data-testid={props.testId}
        size={8}
        onChange={(event) => change(event.currentTarget.value)}
      />
      {props.unit && <span className="loupe-unit"> {props.unit}</span>}
      {error && (
        <span id={errorId} className="loupe-field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

export function CheckField(props: {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId?: string;
  disabled?: boolean;
}) {
  return (
    <label className="loupe-check">
      <input
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />{' '}
      {props.label}
    </label>
  );
}

export function TextField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  hint?: string;
  placeholder?: string;
  testId?: string;
  multiline?: boolean;
}) {
  const id = useId();
  const hintId = useId();
  const common = {
    id,
    value: props.value,
    maxLength: props.maxLength,
    placeholder: props.placeholder,
    'aria-describedby': props.hint ? hintId : undefined,
    'data-testid': props.testId,
  };
  return (
    <span className="loupe-field loupe-field-wide">
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={3} onChange={(event) => props.onChange(event.currentTarget.value)} />
      ) : (
        <input {...common} type="text" onChange={(event) => props.onChange(event.currentTarget.value)} />
      )}
      {props.hint && (
        <span id={hintId} className="loupe-hint">
          {props.hint}
        </span>
      )}
    </span>
  );
}

export function SelectField<T extends string>(props: {
  label: string;
  value: T;
  options: ReadonlyArray<readonly [T, string]>;
  onChange: (value: T) => void;
  testId?: string;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <span className="loupe-field">
      <label htmlFor={id}>{props.label}</label>{' '}
      <select
        id={id}
        value={props.value}
        disabled={props.disabled}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.currentTarget.value as T)}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </span>
  );
}

/** Save / discard buttons with the outcome announced to screen readers. */
export function SaveBar(props: {
  dirty: boolean;
  valid: boolean;
  status: { kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string };
  onSave: () => void;
  onDiscard: () => void;
  testId: string;
  /** Offers "Reset to defaults", which fills the form with them (still to be saved). */
  onReset?: () => void;
}) {
  return (
    <div className="loupe-save-bar">
      <button
        type="button"
        data-testid={`${props.testId}-save`}
        disabled={!props.dirty || !props.valid || props.status.kind === 'saving'}
        onClick={props.onSave}
      >
        Save
      </button>
      <button type="button" data-testid={`${props.testId}-discard`} disabled={!props.dirty} onClick={props.onDiscard}>
        Discard changes
      </button>
      {props.onReset && (
        <button type="button" data-testid={`${props.testId}-reset`} onClick={props.onReset}>
          Reset to defaults
        </button>
      )}
      <span role="status" data-testid={`${props.testId}-status`}>
        {props.status.kind === 'saving' && 'Saving…'}
        {props.status.kind === 'saved' && !props.dirty && 'Saved.'}
        {props.dirty && props.valid && props.status.kind === 'idle' && 'Unsaved changes.'}
        {!props.valid && 'Fix the fields marked above to save.'}
      </span>
      <ErrorLine message={props.status.kind === 'error' ? props.status.message : null} />
    </div>
  );
}

/** What went wrong, announced; nothing while all is well. */
export function ErrorLine(props: { message: string | null }) {
  if (!props.message) return null;
  return (
    <p role="alert" className="loupe-error">
      {props.message}
    </p>
  );
}

/** Tracks which fields currently hold text that is not a valid value. */
export function useValidity() {
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const report = (key: string) => (valid: boolean) =>
    setInvalid((current) => {
      if (valid === !current.has(key)) return current;
      const next = new Set(current);
      if (valid) next.delete(key);
      else next.add(key);
      return next;
    });
  return { valid: invalid.size === 0, report, reset: () => setInvalid(new Set()) };
}
