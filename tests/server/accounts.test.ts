/**
 * Facilitator accounts over real HTTP, on SQLite and (with TEST_DATABASE_URL) PostgreSQL:
 * sign-up, sign-in and out, the cookie's flags, fixation, CSRF refusals, the sign-in
 * limits and their lockout, no user enumeration, password change and sign-out
 * everywhere, the admin reset, claiming a browser's sessions, passkey refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '@playfield/shared';
import { runAdmin } from '../../server/src/accounts/adminCli.ts';
import { backends, Browser, startAccountsServer, type AccountsServer } from './accountsKit.ts';
import { actionPlanPresets } from '@playfield/shared/exercises/actionPlan/index';
import { createSessionAt, joinAt, pollRound } from './harness.ts';

const PASSWORD = 'correct horse battery';

describe.each(backends)('accounts on $name', (backend) => {
  let server: AccountsServer;
  let count = 0;
  /** A fresh address per test, so one test's failures never limit another's. */
  const email = () => `facilitator${(count += 1)}@example.com`;
  const browser = (address = `198.51.100.${count}`) => new Browser(server.url, address);

  beforeAll(async () => {
    server = await startAccountsServer(backend);
  });
  afterAll(async () => {
    await server.close();
  });

  it('signs up, signs in with an httpOnly SameSite=Lax cookie, and says who is signed in', async () => {
    const address = email();
    const alice = browser();
    expect((await alice.get('/account/me')).status).toBe(401);
    expect(
      (await alice.post('/account/signup', { email: address, password: PASSWORD })).status,
    ).toBe(202);
    const signIn = await alice.post('/account/signin', {
      email: `  ${address.toUpperCase()} `,
      password: PASSWORD,
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('pf_account='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // Plain HTTP here: Secure would make the browser drop it.
    expect(cookie).not.toMatch(/Secure/i);
    const me = await alice.get('/account/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ account: { email: address, passkeys: [] } });
  });

  it('sets Secure on the cookie when the request came over HTTPS through the proxy', async () => {
    const address = email();
    const alice = browser();
    await alice.post('/account/signup', { email: address, password: PASSWORD });
    const signIn = await alice.post(
      '/account/signin',
      { email: address, password: PASSWORD },
      { 'x-forwarded-proto': 'https' },
    );
    expect(signIn.headers.getSetCookie().find((c) => c.startsWith('pf_account='))).toMatch(
      /Secure/i,
    );
  });

  it('refuses a malformed sign-up with a readable message and stores nothing', async () => {
    const alice = browser();
    const bad = await alice.post('/account/signup', { email: 'not-an-email', password: 'short' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/email address/);
    const huge = await alice.post('/account/signup', {
      email: 'a@example.com',
      password: 'x'.repeat(201),
    });
    expect(huge.status).toBe(400);
    expect(JSON.stringify(huge.body)).toMatch(/at most 200/);
    expect(
      (await alice.post('/account/signin', { email: 'a@example.com', password: 'x'.repeat(12) }))
        .status,
    ).toBe(401);
  });

  it('answers sign-up, sign-in and reset the same whether or not the account exists', async () => {
    const address = email();
    const alice = browser();
    const first = await alice.post('/account/signup', { email: address, password: PASSWORD });
    const again = await alice.post('/account/signup', {
      email: address,
      password: 'another password',
    });
    expect([again.status, again.body]).toEqual([first.status, first.body]);
    const wrong = await alice.post('/account/signin', {
      email: address,
      password: 'wrong password',
    });
    const nobody = await alice.post('/account/signin', {
      email: `nobody-${address}`,
      password: 'wrong password',
    });
    expect(wrong.status).toBe(401);
    expect([nobody.status, nobody.body]).toEqual([wrong.status, wrong.body]);
    const reset = await alice.post('/account/reset/request', { email: address });
    const resetNobody = await alice.post('/account/reset/request', { email: `nobody-${address}` });
    expect([resetNobody.status, resetNobody.body]).toEqual([reset.status, reset.body]);
    // The second sign-up did not change the password.
    expect(
      (await alice.post('/account/signin', { email: address, password: PASSWORD })).status,
    ).toBe(200);
  });

  it('gives a new session id at sign-in and ends the one the browser brought (no fixation)', async () => {
    const address = email();
    const alice = browser();
    await alice.signUpAndIn(address, PASSWORD);
    const before = alice.cookie;
    const planted = new Browser(server.url, alice.address);
    planted.cookie = before;
    await alice.post('/account/signin', { email: address, password: PASSWORD });
    expect(alice.cookie).not.toBeNull();
    expect(alice.cookie).not.toBe(before);
    expect((await planted.get('/account/me')).status).toBe(401);
    expect((await alice.get('/account/me')).status).toBe(200);
  });

  it('refuses a change a cookie alone asks for (CSRF) and one from another site', async () => {
    const alice = browser();
    await alice.signUpAndIn(email(), PASSWORD);
    const token = alice.csrf;
    alice.csrf = null;
    const noToken = await alice.post('/account/signout');
    expect(noToken.status).toBe(403);
    alice.csrf = 'x'.repeat(43);
    expect((await alice.post('/account/signout')).status).toBe(403);
    alice.csrf = token;
    const crossSite = await alice.post('/account/signout', {}, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const fetchSite = await alice.post('/account/signout', {}, { 'sec-fetch-site': 'cross-site' });
    expect(fetchSite.status).toBe(403);
    // Still signed in after all four.
    expect((await alice.get('/account/me')).status).toBe(200);
    // Login CSRF: another site cannot sign a browser in either.
    const forced = await browser().post(
      '/account/signin',
      { email: 'x@example.com', password: PASSWORD },
      { origin: 'https://evil.example' },
    );
    expect(forced.status).toBe(403);
    const own = await alice.post('/account/signout', {}, { origin: server.url });
    expect(own.status).toBe(204);
    expect((await alice.get('/account/me')).status).toBe(401);
  });

  it('slows guessing from one address to waits, while the owner at another address signs in', async () => {
    const address = email();
    const owner = browser('192.0.2.10');
    await owner.post('/account/signup', { email: address, password: PASSWORD });
    const attacker = browser('192.0.2.66');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1)
      statuses.push(
        (await attacker.post('/account/signin', { email: address, password: `guess ${i}` })).status,
      );
    // Five free failures, a sixth that starts a 2 s wait, then refused without a check.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
    const locked = await attacker.post('/account/signin', { email: address, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(JSON.stringify(locked.body)).toMatch(/wait \d+ seconds/);
    // The owner, elsewhere, is not locked out by the attacker.
    expect(
      (await owner.post('/account/signin', { email: address, password: PASSWORD })).status,
    ).toBe(200);
  });

  it('limits credential requests per address', async () => {
    const flood = browser('192.0.2.200');
    const statuses: number[] = [];
    // Reset requests: no hashing without SMTP, so the flood is quick to send. The bucket
    // refills at one token per 2 s, so on a slow machine a few more may pass than the burst.
    const started = Date.now();
    for (let i = 0; i < 60 && !statuses.includes(429); i += 1)
      statuses.push(
        (await flood.post('/account/reset/request', { email: `x${i}@example.net` })).status,
      );
    const refilled = Math.ceil((Date.now() - started) / 2_000);
    expect(statuses.slice(0, 30).every((s) => s === 202)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.length).toBeLessThanOrEqual(31 + refilled);
    // Another address is not affected.
    expect(
      (await browser('192.0.2.201').post('/account/reset/request', { email: 'x@example.net' }))
        .status,
    ).toBe(202);
  });

  it('changes the password and signs out every other browser', async () => {
    const address = email();
    const laptop = browser();
    await laptop.signUpAndIn(address, PASSWORD);
    const phone = browser();
    await phone.post('/account/signin', { email: address, password: PASSWORD });
    const wrong = await laptop.post('/account/password', {
      current: 'not it at all',
      password: 'a brand new password',
    });
    expect(wrong.status).toBe(403);
    const changed = await laptop.post('/account/password', {
      current: PASSWORD,
      password: 'a brand new password',
    });
    expect(changed.status).toBe(200);
    expect((await laptop.get('/account/me')).status).toBe(200);
    expect((await phone.get('/account/me')).status).toBe(401);
    expect(
      (await browser().post('/account/signin', { email: address, password: PASSWORD })).status,
    ).toBe(401);
    expect(
      (
        await browser().post('/account/signin', {
          email: address,
          password: 'a brand new password',
        })
      ).status,
    ).toBe(200);
  });

  it('signs out everywhere', async () => {
    const address = email();
    const laptop = browser();
    await laptop.signUpAndIn(address, PASSWORD);
    const phone = browser();
    await phone.post('/account/signin', { email: address, password: PASSWORD });
    expect((await laptop.post('/account/signout-everywhere')).status).toBe(204);
    expect((await laptop.get('/account/me')).status).toBe(401);
    expect((await phone.get('/account/me')).status).toBe(401);
  });

  it('resets a password with the admin tool’s one-time link', async () => {
    const address = email();
    const alice = browser();
    await alice.signUpAndIn(address, PASSWORD);
    const config = {
      dataDir: server.dataDir,
      databaseUrl: server.databaseUrl,
      publicUrl: null,
      port: 3000,
    };
    expect((await runAdmin(['reset-password', 'nobody@example.com'], config)).code).toBe(1);
    expect((await runAdmin(['reset-password'], config)).output).toMatch(/Usage/);
    const { code, output } = await runAdmin(['reset-password', address], config);
    expect(code).toBe(0);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(output)?.[1] ?? '';
    expect(output).toContain(`http://localhost:3000/account/reset#token=${token}`);
    const reset = await browser().post('/account/reset', { token, password: 'reset to this one' });
    expect(reset.status).toBe(200);
    // Every session ended; the old password is gone; the link works once.
    expect((await alice.get('/account/me')).status).toBe(401);
    expect(
      (await browser().post('/account/signin', { email: address, password: PASSWORD })).status,
    ).toBe(401);
    expect(
      (await browser().post('/account/signin', { email: address, password: 'reset to this one' }))
        .status,
    ).toBe(200);
    const again = await browser().post('/account/reset', {
      token,
      password: 'and once more please',
    });
    expect(again.status).toBe(404);
  });

  it('claims the sessions a browser holds, refuses a wrong key, and lists them on another device', async () => {
    const address = email();
    const laptop = browser();
    await laptop.signUpAndIn(address, PASSWORD);
    const first: CreatedSession = await createSessionAt(server.url);
    const second: CreatedSession = await createSessionAt(server.url, { title: 'Second day' });
    const stranger: CreatedSession = await createSessionAt(server.url, { title: 'Not mine' });
    const keys = [
      { sessionId: first.sessionId, token: first.facilitatorToken },
      { sessionId: second.sessionId, token: second.facilitatorToken },
      // A stolen id with a made-up key.
      { sessionId: stranger.sessionId, token: first.facilitatorToken },
    ];
    const preview = await laptop.post('/account/claim', { sessions: keys, isPreview: true });
    expect(preview.body).toMatchObject({ sessions: 2, refused: 1 });
    expect((await laptop.get('/account/sessions')).body).toEqual({ sessions: [] });
    const claimed = await laptop.post('/account/claim', { sessions: keys });
    expect(claimed.body).toMatchObject({ sessions: 2, refused: 1 });
    // Claiming again adds nothing twice.
    expect((await laptop.post('/account/claim', { sessions: keys })).body).toMatchObject({
      sessions: 0,
    });
    const elsewhere = browser();
    await elsewhere.post('/account/signin', { email: address, password: PASSWORD });
    const listed = (await elsewhere.get('/account/sessions')).body as {
      sessions: { sessionId: string; token: string }[];
    };
    expect(listed.sessions.map((s) => s.sessionId).sort()).toEqual(
      [first.sessionId, second.sessionId].sort(),
    );
    // The old links keep working: the console's token still proves the session.
    const owned = await fetch(`${server.url}/api/sessions/${first.sessionId}/results`, {
      headers: { authorization: `Bearer ${first.facilitatorToken}` },
    });
    expect(owned.status).toBe(200);
    // Signed out, nothing is listed or claimed.
    const anonymous = browser();
    expect((await anonymous.get('/account/sessions')).status).toBe(401);
    expect((await anonymous.post('/account/claim', { sessions: keys })).status).toBe(401);
    const malformed = await laptop.post('/account/claim', {
      sessions: [{ sessionId: '__proto__', token: 'x' }],
    });
    expect(malformed.status).toBe(400);
  });

  it('claims the plans whose seats a browser holds and lists them with their workshop on another device', async () => {
    const address = email();
    const phone = browser();
    await phone.signUpAndIn(address, PASSWORD);
    const closing = await createSessionAt(server.url, {
      title: 'Closing day',
      agenda: [pollRound(), { kind: 'actionPlan', ...actionPlanPresets.personalActionPlan }],
    });
    const pollsOnly = await createSessionAt(server.url, { title: 'Polls only' });
    const withPlan = await joinAt(server.url, closing.code, 'Ana');
    const withoutPlan = await joinAt(server.url, pollsOnly.code, 'Ana');
    const plans = [
      { resumeToken: withPlan.resumeToken },
      // A seat in a session without a plan round: nothing to keep, nothing refused.
      { resumeToken: withoutPlan.resumeToken },
      // A made-up key.
      { resumeToken: 'madeUpResumeToken12345' },
    ];
    const preview = await phone.post('/account/claim', { sessions: [], plans, isPreview: true });
    expect(preview.body).toEqual({ sessions: 0, notebooks: 0, plans: 1, refused: 1 });
    expect((await phone.get('/account/plans')).body).toEqual({ plans: [] });
    expect((await phone.post('/account/claim', { sessions: [], plans })).body).toMatchObject({
      plans: 1,
    });
    expect((await phone.post('/account/claim', { sessions: [], plans })).body).toMatchObject({
      plans: 0,
    });
    const laptop = browser();
    await laptop.post('/account/signin', { email: address, password: PASSWORD });
    expect((await laptop.get('/account/plans')).body).toEqual({
      plans: [
        {
          resumeToken: withPlan.resumeToken,
          sessionId: closing.sessionId,
          workshopTitle: 'Closing day',
          createdAt: expect.any(Number) as number,
        },
      ],
    });
    // The seat's own link still opens the plan.
    const own = await fetch(`${server.url}/api/plan`, {
      headers: { authorization: `Bearer ${withPlan.resumeToken}` },
    });
    expect(own.status).toBe(200);
    expect((await browser().get('/account/plans')).status).toBe(401);
    const malformed = await phone.post('/account/claim', {
      sessions: [],
      plans: [{ resumeToken: 'short' }],
    });
    expect(malformed.status).toBe(400);
    expect(
      (await phone.post('/account/claim', { sessions: [], plans: Array(201).fill(plans[0]) }))
        .status,
    ).toBe(400);
  });

  it('refuses passkey ceremonies that are signed out, unknown, replayed or forged', async () => {
    const anonymous = browser();
    expect((await anonymous.post('/account/passkeys/options')).status).toBe(401);
    const alice = browser();
    await alice.signUpAndIn(email(), PASSWORD);
    const options = await alice.post('/account/passkeys/options');
    expect(options.status).toBe(200);
    const { ceremonyId, options: creation } = options.body as {
      ceremonyId: string;
      options: {
        challenge: string;
        rp: { id: string };
        authenticatorSelection: { residentKey: string };
      };
    };
    expect(creation.rp.id).toBe('127.0.0.1');
    expect(creation.authenticatorSelection.residentKey).toBe('required');
    const forged = {
      id: 'AAAA',
      rawId: 'AAAA',
      type: 'public-key',
      response: { clientDataJSON: 'e30', attestationObject: 'AAAA' },
      clientExtensionResults: {},
    };
    expect((await alice.post('/account/passkeys', { ceremonyId, response: forged })).status).toBe(
      401,
    );
    // Taken once: the same ceremony cannot be tried again.
    expect((await alice.post('/account/passkeys', { ceremonyId, response: forged })).status).toBe(
      401,
    );
    expect(
      (await alice.post('/account/passkeys', { ceremonyId: 'x', response: forged })).status,
    ).toBe(400);
    const signInOptions = await anonymous.post('/account/passkey-signin/options');
    expect(signInOptions.status).toBe(200);
    const signInCeremony = (signInOptions.body as { ceremonyId: string }).ceremonyId;
    const unknown = await anonymous.post('/account/passkey-signin', {
      ceremonyId: signInCeremony,
      response: {
        ...forged,
        response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' },
      },
    });
    expect(unknown.status).toBe(401);
    expect(anonymous.cookie).toBeNull();
    // A registration ceremony cannot be used to sign in.
    const registration = (
      (await alice.post('/account/passkeys/options')).body as { ceremonyId: string }
    ).ceremonyId;
    expect(
      (
        await anonymous.post('/account/passkey-signin', {
          ceremonyId: registration,
          response: forged,
        })
      ).status,
    ).toBe(401);
  });
});
