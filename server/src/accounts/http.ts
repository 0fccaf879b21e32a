import type { Request, RequestHandler, Response } from 'express';
import { parseCookie, stringifySetCookie } from 'cookie';
import { timingSafeEqual } from 'node:crypto';
import type { AppError } from '@playfield/shared';
import { sendError } from '../http/respond.ts';
import { ABSOLUTE_MS, type AccountService, type Authenticated } from './accountService.ts';

/** The session cookie: httpOnly, so scripts (and injected ones) never read it. */
export const SESSION_COOKIE = 'pf_account';
/** Where the app's requests send the session's CSRF token back. */
export const CSRF_HEADER = 'x-csrf-token';

/** Sets the session cookie: SameSite=Lax, Secure when the request came over HTTPS. */
export function setSessionCookie(req: Request, res: Response, token: string): void {
  res.append(
    'Set-Cookie',
    stringifySetCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      // req.secure honours X-Forwarded-Proto only when TRUST_PROXY is set.
      secure: req.secure,
      path: '/',
      maxAge: ABSOLUTE_MS / 1000,
    }),
  );
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.append(
    'Set-Cookie',
    stringifySetCookie(SESSION_COOKIE, '', {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure,
      path: '/',
      maxAge: 0,
    }),
  );
}

/** The session cookie's value, if the request carries a plausible one. */
export function sessionCookie(req: Request): string | null {
  const value = parseCookie(req.get('cookie') ?? '')[SESSION_COOKIE];
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

const crossSite: AppError = {
  code: 'FORBIDDEN',
  message: 'This request came from another site: open Playfield itself and try again',
};

/**
 * Refuses state-changing requests sent by another site (OWASP's "verify origin with
 * standard headers"): a browser's `Origin` must be this server or an allowed origin,
 * and `Sec-Fetch-Site` must not say cross-site. Guards sign-in and sign-up too (login
 * CSRF). Requests without either header come from tools, not from a victim's browser.
 */
export function sameOriginOnly(allowedOrigins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const origin = req.get('origin');
    const site = req.get('sec-fetch-site');
    const own = `${req.protocol}://${req.get('host') ?? ''}`;
    if (origin !== undefined && origin !== own && !allowedOrigins.includes(origin))
      return sendError(res, crossSite);
    if (site !== undefined && site !== 'same-origin' && site !== 'none' && origin !== own)
      return sendError(res, crossSite);
    next();
  };
}

const signedOut: AppError = { code: 'UNAUTHORIZED', message: 'Sign in first' };
const badCsrf: AppError = {
  code: 'FORBIDDEN',
  message: 'This page is out of date: reload it and try again',
};

/**
 * The signed-in account of a request, or an error sent. State-changing requests must
 * also echo the session's CSRF token (the synchronizer-token pattern): a cookie alone,
 * which any site can make a browser send, changes nothing.
 */
export async function signedIn(
  service: AccountService,
  req: Request,
  res: Response,
): Promise<Authenticated | null> {
  const token = sessionCookie(req);
  const who = token ? await service.authenticate(token) : null;
  if (!who) {
    if (token) clearSessionCookie(req, res);
    sendError(res, signedOut);
    return null;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const sent = Buffer.from(req.get(CSRF_HEADER) ?? '');
    const expected = Buffer.from(who.session.csrf_token);
    if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
      sendError(res, badCsrf);
      return null;
    }
  }
  return who;
}
