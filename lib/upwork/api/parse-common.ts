import { z } from 'zod';

/** Raw API pieces shared by several answers. Nullable where Upwork's schema is only a hint. */

// rawValue is a decimal STRING in Upwork's schema; a number would mean the API changed (units too,
// perhaps), so it is reported as drift rather than guessed at.
export const rawMoneySchema = z.object({
  rawValue: z.string().nullable(),
  currency: z.string().nullable().optional(),
});
export type RawMoney = z.infer<typeof rawMoneySchema>;

/** Upwork ids arrive as strings, sometimes as numbers; Loupe keeps them as strings. */
export const rawIdSchema = z.union([z.string(), z.number()]).transform(String);

/** A count Upwork may leave empty; empty counts as zero. */
export const rawCountSchema = z
  .number()
  .nullable()
  .transform((value) => (value === null ? 0 : Math.max(0, Math.round(value))));

export const DEFAULT_CURRENCY = 'USD';

/** Keeps free text within the model's bounds instead of failing on an unusually long value. */
export function clip(value: string | null | undefined, max = 2_000): string | null {
  if (value === null || value === undefined) return null;
  return value.length > max ? value.slice(0, max) : value;
}

export function currencyOf(...amounts: (RawMoney | null | undefined)[]): string {
  for (const amount of amounts) {
    const currency = amount?.currency?.trim();
    if (currency) return currency.slice(0, 8);
  }
  return DEFAULT_CURRENCY;
}
