import type { ReactNode } from 'react';

/** A labelled checkbox (or switch) that reports the new state; the popup's and options' alert rows share it. */
export function Toggle({
  checked,
  disabled,
  onChange,
  asSwitch = false,
  className,
  children,
}: {
  checked: boolean;
  disabled?: boolean;
  onChange: (on: boolean) => void;
  /** Announced as a switch (on/off) rather than a checkbox. */
  asSwitch?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <label className={className}>
      <input
        type="checkbox"
        {...(asSwitch ? { role: 'switch', 'aria-checked': checked } : {})}
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />{' '}
      {children}
    </label>
  );
}
