import type { Result } from '@playfield/shared';
import { accountApi } from './accountApi.ts';

const unsupported = {
  code: 'BAD_REQUEST',
  message: 'This browser cannot use passkeys: sign in with your password',
} as const;
const cancelled = {
  code: 'BAD_REQUEST',
  message: 'The passkey was not used (cancelled or timed out): try again',
} as const;

/** The WebAuthn browser library, loaded only on the accounts' pages. */
const webauthn = () => import('@simplewebauthn/browser');

/** Signs in with a discoverable passkey (no email typed). */
export async function signInWithPasskey(): Promise<Result<unknown>> {
  const library = await webauthn();
  if (!library.browserSupportsWebAuthn()) return { ok: false, error: unsupported };
  const options = await accountApi.passkeySignInOptions();
  if (!options.ok) return options;
  let response: unknown;
  try {
    response = await library.startAuthentication({
      optionsJSON: options.data.options as Parameters<
        typeof library.startAuthentication
      >[0]['optionsJSON'],
    });
  } catch {
    return { ok: false, error: cancelled };
  }
  return accountApi.passkeySignIn(options.data.ceremonyId, response);
}

/** Registers a passkey for the signed-in account. */
export async function addPasskey(): Promise<Result<unknown>> {
  const library = await webauthn();
  if (!library.browserSupportsWebAuthn()) return { ok: false, error: unsupported };
  const options = await accountApi.passkeyOptions();
  if (!options.ok) return options;
  let response: unknown;
  try {
    response = await library.startRegistration({
      optionsJSON: options.data.options as Parameters<
        typeof library.startRegistration
      >[0]['optionsJSON'],
    });
  } catch {
    return { ok: false, error: cancelled };
  }
  return accountApi.addPasskey(options.data.ceremonyId, response);
}
