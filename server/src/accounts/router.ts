import express, { Router, type Request, type Response } from 'express';
import { LIMITS } from '@playfield/shared';
import type { SessionManager } from '../sessions/sessionManager.ts';
import type { Repository } from '../store/repository.ts';
import { parse, send, sendError } from '../http/respond.ts';
import { AccountRepository } from './accountRepository.ts';
import { AccountService } from './accountService.ts';
import { claimKeys, listNotebookLinks, listPlans, SESSION_ITEM } from './claims.ts';
import type { AccountTables } from './migration.ts';
import { passkeyRoutes } from './passkeyRoutes.ts';
import {
  clearSessionCookie,
  sameOriginOnly,
  sessionCookie,
  setSessionCookie,
  signedIn,
} from './http.ts';
import {
  claimBodySchema,
  passwordChangeBodySchema,
  resetBodySchema,
  resetRequestBodySchema,
  signInBodySchema,
  signUpBodySchema,
} from './schemas.ts';
import { SignInLimiter } from './signInLimiter.ts';
import { smtpMailer, type ResetMailer } from './resetMail.ts';

export interface AccountsOptions {
  repository: Repository;
  manager: SessionManager;
  allowedOrigins: readonly string[];
  /** Credential requests (sign-in, sign-up, reset) per minute per address. */
  signInsPerMinutePerAddress?: number;
  /** Password tries per minute per account from addresses that never signed in to it. */
  signInsPerMinutePerAccount?: number;
  /**
   * Sends reset links; by default by SMTP when SMTP_URL is set (from MAIL_FROM), else
   * none: resets then go through the admin tool.
   */
  mailer?: ResetMailer | null;
  now?: () => number;
}

/** Facilitator accounts under /api/account: passwords, passkeys, claiming. */
export function accountsRouter(options: AccountsOptions): Router {
  const now = options.now ?? Date.now;
  const limiter = new SignInLimiter(
    options.signInsPerMinutePerAddress ?? 30,
    options.signInsPerMinutePerAccount ?? 10,
    now,
  );
  const service = new AccountService(
    new AccountRepository(options.repository.tablesOf<AccountTables>()),
    limiter,
    now,
  );
  const smtpUrl = process.env.SMTP_URL;
  const mailer =
    options.mailer !== undefined
      ? options.mailer
      : smtpUrl
        ? smtpMailer(smtpUrl, process.env.MAIL_FROM ?? 'Playfield <playfield@localhost>')
        : null;
  const router = Router();
  router.use('/account', sameOriginOnly(options.allowedOrigins));
  router.use('/account', express.json({ limit: LIMITS.httpBodyBytes }));
  const address = (req: Request) => req.ip ?? 'unknown';
  const limited = (req: Request, res: Response) => {
    if (limiter.takeAddress(address(req))) return false;
    sendError(res, {
      code: 'RATE_LIMITED',
      message: 'Too many tries from this network just now: wait a minute',
    });
    return true;
  };
  const accountView = async (who: { account: { id: string; email: string } }) => ({
    email: who.account.email,
    passkeys: (await service.repository.passkeysOf(who.account.id)).map((p) => ({
      id: p.id,
      createdAt: p.created_at,
    })),
  });

  /** The same answer whether or not the address already has an account. */
  router.post('/account/signup', async (req, res) => {
    const body = parse(signUpBodySchema, req.body);
    if (!body.ok) return send(res, body);
    if (limited(req, res)) return;
    await service.signUp(body.data.email, body.data.password);
    res.status(202).json({ message: 'Account ready if the address was free: sign in' });
  });

  router.post('/account/signin', async (req, res) => {
    const body = parse(signInBodySchema, req.body);
    if (!body.ok) return send(res, body);
    if (limited(req, res)) return;
    const result = await service.signIn(body.data.email, body.data.password, address(req));
    if (!result.ok) return send(res, result);
    // A session the browser held before is ended: the new one has a fresh id.
    const previous = sessionCookie(req);
    if (previous) {
      const old = await service.authenticate(previous);
      if (old) await service.signOut(old.session);
    }
    setSessionCookie(req, res, result.data.session.cookieToken);
    res.json({ email: result.data.account.email, csrfToken: result.data.session.csrfToken });
  });

  /** Who is signed in, with the CSRF token the app sends back on every change. */
  router.get('/account/me', async (req, res) => {
    const who = await signedIn(service, req, res);
    if (!who) return;
    res.json({ account: await accountView(who), csrfToken: who.session.csrf_token });
  });

  router.post('/account/signout', async (req, res) => {
    const who = await signedIn(service, req, res);
    if (!who) return;
    await service.signOut(who.session);
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.post('/account/signout-everywhere', async (req, res) => {
    const who = await signedIn(service, req, res);
    if (!who) return;
    await service.signOutEverywhere(who.account.id);
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.post('/account/password', async (req, res) => {
    const who = await signedIn(service, req, res);
    if (!who) return;
    const body = parse(passwordChangeBodySchema, req.body);
    if (!body.ok) return send(res, body);
    const result = await service.changePassword(
      who,
      body.data.current,
      body.data.password,
      address(req),
    );
    if (!result.ok) return send(res, result);
    res.json({ message: 'Password changed: every other browser is signed out' });
  });

  /** Emails a reset link when SMTP is set up; the same answer for any address. */
  router.post('/account/reset/request', async (req, res) => {
    const body = parse(resetRequestBodySchema, req.body);
    if (!body.ok) return send(res, body);
    if (limited(req, res)) return;
    if (mailer) {
      const token = await service.createReset(body.data.email);
      // Sent in the background: waiting for the mail server would tell who has an account.
      if (token) mailer.sendReset(body.data.email, token, `${req.protocol}://${req.get('host')}`);
    }
    res.status(202).json({
      message: mailer
        ? 'If the address has an account, a reset link is on its way'
        : 'Ask the person who runs this Playfield server for a reset link',
    });
  });

  router.post('/account/reset', async (req, res) => {
    const body = parse(resetBodySchema, req.body);
    if (!body.ok) return send(res, body);
    if (limited(req, res)) return;
    send(res, await service.resetPassword(body.data.token, body.data.password));
  });

  /**
   * Claims the sessions (with their notebooks) and plans whose keys this browser holds:
   * each key is checked against its stored hash; a wrong one is refused, the rest are
   * added. Links keep working: nothing about the session or seat changes.
   */
  router.post('/account/claim', async (req, res) => {
    const who = await signedIn(service, req, res);
    if (!who) return;
    const body = parse(claimBodySchema, req.body);
    if (!body.ok) return send(res, body);
    const deps = {
      accounts: service.repository,
      repository: options.repository,
      manager: options.manager,
    };
    res.json(await claimKeys(deps, who.account.id, body.data, now()));
  });

  /** The account's personal plans with their keys, to open them on any device. */
  router.get('/account/plans', async (req, res) => {
    const who = await signedIn(service, req, res);
    if (!who) return;
    res.json({ plans: await listPlans(service.repository, options.repository, who.account.id) });
  });

  /** The notebooks the account reached through share links that still open. */
  router.get('/account/notebooks', async (req, res) => {
    const who = await signedIn(service, req, res);
    if (!who) return;
    res.json({
      notebooks: await listNotebookLinks(service.repository, options.repository, who.account.id),
    });
  });

  /** The account's sessions with their console keys, for this device's lists. */
  router.get('/account/sessions', async (req, res) => {
    const who = await signedIn(service, req, res);
    if (!who) return;
    const items = await service.repository.itemsOf(who.account.id, SESSION_ITEM);
    res.json({ sessions: items.map((i) => ({ sessionId: i.item_id, token: i.secret })) });
  });

  passkeyRoutes(router, service, {
    allowedOrigins: options.allowedOrigins,
    now,
    accountView,
  });
  return router;
}
