/**
 * Ids the pages carry. A job's numeric id (what the API's marketplaceJobPosting takes) appears as
 * `data-ev-job-uid` / `data-ev-opening_uid` on tiles and, in links, as the ciphertext `~02` +
 * that same number. Profile keys are `~01…` and only ever come from URLs.
 */

const NUMERIC_ID = /^\d{1,30}$/;

/** A numeric job id from an attribute value, or null when it isn't one. */
export function jobIdFromAttribute(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && NUMERIC_ID.test(trimmed) ? trimmed : null;
}

/** `~022024696422907076268` -> `2024696422907076268`. Older `~01<hex>` ciphertexts carry no numeric id: null. */
export function jobIdFromCiphertext(ciphertext: string): string | null {
  const match = /^~02(\d{1,30})$/.exec(ciphertext.trim());
  return match?.[1] ?? null;
}

/** The path of a URL or an href relative to upwork.com; null when it is no URL at all. */
function pathOf(href: string): string | null {
  try {
    return new URL(href, 'https://www.upwork.com').pathname;
  } catch {
    return null;
  }
}

/** The job ciphertext in a URL or href (`…_~02…`, `/~02…`), or null. */
export function jobCiphertextFromUrl(href: string): string | null {
  const pathname = pathOf(href);
  if (pathname === null) return null;
  const match = /(?:^|[/_])(~0[12][0-9a-zA-Z]{1,40})\/?$/.exec(pathname);
  return match?.[1] ?? null;
}

/** The numeric job id behind a job URL or link href, or null. */
export function jobIdFromUrl(href: string): string | null {
  const ciphertext = jobCiphertextFromUrl(href);
  return ciphertext ? jobIdFromCiphertext(ciphertext) : null;
}

/** The `~01…` profile key in a freelancer profile URL, or null (vanity URLs have none). */
export function profileKeyFromUrl(href: string): string | null {
  const pathname = pathOf(href);
  if (pathname === null) return null;
  const match = /^\/(?:freelancers|o\/profiles\/users)\/_?(~01[0-9a-zA-Z]{1,40})\/?$/.exec(pathname);
  return match?.[1] ?? null;
}

/** A `~01…` key anywhere in a URL (canonical links on vanity profile pages). */
export function profileKeyInText(text: string): string | null {
  return /(?:^|[/_])(~01[0-9a-zA-Z]{1,40})(?=$|[/?#])/.exec(text)?.[1] ?? null;
}
