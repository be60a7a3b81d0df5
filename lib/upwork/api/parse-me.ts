import { z } from 'zod';
import { type Account, accountSchema } from '../model';
import { clip, rawIdSchema } from './parse-common';
import { invalidData, parseRaw } from './parse-util';

const rawMeSchema = z.object({
  user: z
    .object({
      id: rawIdSchema,
      name: z.string().nullable(),
      email: z.string().nullable(),
      photoUrl: z.string().nullable(),
    })
    .nullable(),
  organization: z.object({ id: rawIdSchema, name: z.string().nullable() }).nullable(),
  companySelector: z.object({
    items: z
      .array(z.object({ title: z.string().nullable(), organizationId: rawIdSchema, typeTitle: z.string().nullable() }).nullable())
      .nullable(),
  }),
});

/**
 * Reads a Me answer. `activeOrganizationId` is the organization Loupe was asked to act as (the
 * tenant header), null for the default one.
 */
export function parseMe(data: unknown, activeOrganizationId: string | null): Account {
  const raw = parseRaw(rawMeSchema, data, 'your account');
  if (!raw.user) invalidData("Upwork's answer for your account had no user in it.");
  const organizations = (raw.companySelector.items ?? [])
    .filter((item) => item !== null)
    .map((item) => ({ id: item.organizationId.slice(0, 64), title: clip(item.title) ?? '', typeTitle: clip(item.typeTitle) }))
    .slice(0, 500);
  // The current organization may be missing from the selector list (a single-organization account).
  if (raw.organization && !organizations.some((organization) => organization.id === raw.organization?.id)) {
    organizations.unshift({ id: raw.organization.id.slice(0, 64), title: clip(raw.organization.name) ?? '', typeTitle: null });
  }
  const account: Account = {
    userId: raw.user.id.slice(0, 64),
    name: clip(raw.user.name) ?? '',
    email: clip(raw.user.email),
    photoUrl: clip(raw.user.photoUrl),
    organizations,
    activeOrganizationId,
  };
  return parseRaw(accountSchema, account, 'your account');
}
