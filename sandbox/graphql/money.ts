const display = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** Upwork's Money: rawValue is a decimal string, e.g. "12345.67". */
export function money(value: number): { rawValue: string; currency: string; displayValue: string } {
  return { rawValue: value.toFixed(2), currency: 'USD', displayValue: display.format(value) };
}

export const iso = (epochMs: number) => new Date(epochMs).toISOString();
