import { z } from 'zod';
import { idSchema, keySchema } from '@playfield/shared';

/**
 * What the accounts' routes accept. Emails are compared trimmed and lower-cased;
 * passwords are bounded both ways (at most 200 characters, so no one can make the
 * server hash a megabyte).
 */
export const emailSchema = z
  .string({ error: 'Email must be text' })
  .max(254, 'An email address has at most 254 characters')
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.email({ error: 'Enter an email address like name@example.com' }));

export const newPasswordSchema = z
  .string({ error: 'Password must be text' })
  .min(10, 'A password has at least 10 characters')
  .max(200, 'A password has at most 200 characters');

/** A password being checked: any length up to the bound (old rules may have differed). */
const passwordSchema = z
  .string({ error: 'Password must be text' })
  .min(1, 'Enter your password')
  .max(200, 'A password has at most 200 characters');

const secretSchema = keySchema(/^[A-Za-z0-9_-]{16,128}$/, 'Invalid token');

export const signUpBodySchema = z.object({ email: emailSchema, password: newPasswordSchema });
export const signInBodySchema = z.object({ email: emailSchema, password: passwordSchema });
export const passwordChangeBodySchema = z.object({
  current: z.string().max(200, 'A password has at most 200 characters'),
  password: newPasswordSchema,
});
export const resetRequestBodySchema = z.object({ email: emailSchema });
export const resetBodySchema = z.object({ token: secretSchema, password: newPasswordSchema });

/** The keys a browser holds, to claim what they open into the signed-in account. */
export const claimBodySchema = z.object({
  sessions: z
    .array(z.object({ sessionId: idSchema, token: secretSchema }))
    .max(200, 'At most 200 sessions at a time'),
  /** The resume tokens of this browser's seats: the personal plans they open. */
  plans: z
    .array(z.object({ resumeToken: secretSchema }))
    .max(200, 'At most 200 plans at a time')
    .default([]),
  /** The share links this browser opened notebooks with (`#link=`). */
  links: z
    .array(z.object({ token: secretSchema }))
    .max(200, 'At most 200 notebook links at a time')
    .default([]),
  /** Only count what would be added, store nothing. */
  isPreview: z.boolean().default(false),
});

/** A WebAuthn ceremony's answer: the library checks the credential's own shape. */
export const ceremonyBodySchema = z.object({
  ceremonyId: secretSchema,
  response: z.looseObject({
    id: z.string().max(1_400),
    rawId: z.string().max(1_400),
    type: z.literal('public-key'),
    response: z.looseObject({
      clientDataJSON: z.string().max(10_000),
    }),
  }),
});
