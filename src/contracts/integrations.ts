import { z } from 'zod';
import { IsoDateTime, text } from './common.ts';

/** Issue 12: the personal calendar link and single sign-on. */
export const CalendarFeedLink = z.object({
  /** The secret subscription URL: shown once, only its hash is kept. */
  url: z.string(),
});
export const CalendarFeedStatus = z.object({
  active: z.boolean(),
  createdAt: IsoDateTime.nullable(),
  lastReadAt: IsoDateTime.nullable(),
});
export const CalendarTokenParams = z.object({ token: text({ min: 20, max: 200 }) });

/** How people may sign in here: what the sign-in page offers (no secret in it). */
export const SignInMethods = z.object({
  password: z.boolean(),
  sso: z.object({ name: z.string(), loginUrl: z.string() }).nullable(),
});

export const OidcLoginQuery = z.object({
  /** Where to land after signing in: a path of this app only. */
  returnTo: text({ max: 500 }).optional(),
  /** An invitation's token: accept it with the company account (a new person gets its role). */
  invite: text({ min: 20, max: 200 }).optional(),
});
export const OidcCallbackQuery = z
  .object({
    code: text({ max: 4096 }).optional(),
    state: text({ max: 512 }).optional(),
    error: text({ max: 200 }).optional(),
    error_description: text({ max: 1000, multiline: true }).optional(),
    iss: text({ max: 1000 }).optional(),
  })
  .loose();
