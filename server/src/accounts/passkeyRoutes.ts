import type { Request, Router } from 'express';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { z } from 'zod';
import type { AppError } from '@playfield/shared';
import { parse, send, sendError } from '../http/respond.ts';
import { newToken } from '../security/tokens.ts';
import type { AccountService } from './accountService.ts';
import { setSessionCookie, signedIn } from './http.ts';
import { ceremonyBodySchema } from './schemas.ts';

/** A ceremony must finish within this time. */
const CEREMONY_MS = 5 * 60_000;

const transportsSchema = z.array(z.string().max(20)).max(10).catch([]);

/** A stored row's transports; a malformed row reads as none. */
function transportsOf(stored: string): AuthenticatorTransportFuture[] {
  let value: unknown = [];
  try {
    value = JSON.parse(stored);
  } catch {
    // Read as none.
  }
  return transportsSchema.parse(value) as AuthenticatorTransportFuture[];
}

const refused: AppError = {
  code: 'UNAUTHORIZED',
  message: 'That passkey was not accepted: try again or sign in with your password',
};

/** The relying party is this server as the browser sees it (its host name and origin). */
function relyingParty(req: Request): { rpID: string; origin: string } {
  return { rpID: req.hostname, origin: `${req.protocol}://${req.get('host') ?? ''}` };
}

/**
 * Passkeys (WebAuthn, through @simplewebauthn/server): register one while signed in,
 * sign in with one without typing an email (discoverable credentials). Each ceremony's
 * challenge is stored with a random id and taken once.
 */
export function passkeyRoutes(
  router: Router,
  service: AccountService,
  options: {
    allowedOrigins: readonly string[];
    now: () => number;
    accountView: (who: { account: { id: string; email: string } }) => Promise<unknown>;
  },
): void {
  const repository = service.repository;
  const expectedOrigins = (req: Request) => [relyingParty(req).origin, ...options.allowedOrigins];

  router.post('/account/passkeys/options', async (req, res) => {
    const who = await signedIn(service, req, res);
    if (!who) return;
    const existing = await repository.passkeysOf(who.account.id);
    const registration = await generateRegistrationOptions({
      rpName: 'Playfield',
      rpID: relyingParty(req).rpID,
      userName: who.account.email,
      userID: new TextEncoder().encode(who.account.id),
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({
        id: p.id,
        transports: transportsOf(p.transports),
      })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    });
    const ceremonyId = newToken();
    await repository.addChallenge({
      id: ceremonyId,
      challenge: registration.challenge,
      account_id: who.account.id,
      expires_at: options.now() + CEREMONY_MS,
    });
    res.json({ ceremonyId, options: registration });
  });

  router.post('/account/passkeys', async (req, res) => {
    const who = await signedIn(service, req, res);
    if (!who) return;
    const body = parse(ceremonyBodySchema, req.body);
    if (!body.ok) return send(res, body);
    const ceremony = await repository.takeChallenge(body.data.ceremonyId, options.now());
    if (!ceremony || ceremony.account_id !== who.account.id) return sendError(res, refused);
    const verified = await verifyRegistrationResponse({
      response: body.data.response as unknown as RegistrationResponseJSON,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: expectedOrigins(req),
      expectedRPID: relyingParty(req).rpID,
      requireUserVerification: false,
    }).catch(() => null);
    if (!verified?.verified) return sendError(res, refused);
    const { credential } = verified.registrationInfo;
    if (await repository.getPasskey(credential.id))
      return sendError(res, { code: 'CONFLICT', message: 'This passkey is registered already' });
    await repository.addPasskey({
      id: credential.id,
      account_id: who.account.id,
      public_key: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: JSON.stringify(credential.transports ?? []),
      created_at: options.now(),
    });
    res.status(201).json({ account: await options.accountView(who) });
  });

  router.post('/account/passkey-signin/options', async (req, res) => {
    const authentication = await generateAuthenticationOptions({
      rpID: relyingParty(req).rpID,
      userVerification: 'preferred',
    });
    const ceremonyId = newToken();
    await repository.addChallenge({
      id: ceremonyId,
      challenge: authentication.challenge,
      account_id: null,
      expires_at: options.now() + CEREMONY_MS,
    });
    res.json({ ceremonyId, options: authentication });
  });

  router.post('/account/passkey-signin', async (req, res) => {
    const body = parse(ceremonyBodySchema, req.body);
    if (!body.ok) return send(res, body);
    const ceremony = await repository.takeChallenge(body.data.ceremonyId, options.now());
    if (!ceremony || ceremony.account_id !== null) return sendError(res, refused);
    const passkey = await repository.getPasskey(body.data.response.id);
    if (!passkey) return sendError(res, refused);
    const verified = await verifyAuthenticationResponse({
      response: body.data.response as unknown as AuthenticationResponseJSON,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: expectedOrigins(req),
      expectedRPID: relyingParty(req).rpID,
      credential: {
        id: passkey.id,
        publicKey: new Uint8Array(Buffer.from(passkey.public_key, 'base64url')),
        counter: passkey.counter,
        transports: transportsOf(passkey.transports),
      },
      requireUserVerification: false,
    }).catch(() => null);
    if (!verified?.verified) return sendError(res, refused);
    await repository.setPasskeyCounter(passkey.id, verified.authenticationInfo.newCounter);
    const account = await repository.getAccount(passkey.account_id);
    if (!account) return sendError(res, refused);
    const session = await service.startSession(account.id);
    setSessionCookie(req, res, session.cookieToken);
    res.json({ email: account.email, csrfToken: session.csrfToken });
  });
}
