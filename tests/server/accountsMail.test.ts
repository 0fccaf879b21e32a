/**
 * Emailed reset links (SMTP_URL set): a local SMTP sink (smtp-server) receives the link,
 * which works once; an address without an account gets the same answer and no email.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, Browser, startAccountsServer, type AccountsServer } from './accountsKit.ts';

const PASSWORD = 'correct horse battery';

describe('emailed reset links', () => {
  let server: AccountsServer;
  let sink: SMTPServer;
  const mails: string[] = [];
  let onMail: (() => void) | null = null;

  beforeAll(async () => {
    sink = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
        stream.on('end', () => {
          mails.push(text);
          onMail?.();
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const { port } = sink.server.address() as AddressInfo;
    const previous = process.env.SMTP_URL;
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    try {
      server = await startAccountsServer(backends[0]!);
    } finally {
      if (previous === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = previous;
    }
  });
  afterAll(async () => {
    await server?.close();
    await new Promise<void>((resolve) => sink.close(resolve));
  });

  it('emails a one-time link to the account, and nothing to an unknown address', async () => {
    const alice = new Browser(server.url, '198.51.100.7');
    await alice.signUpAndIn('mail@example.com', PASSWORD);
    const arrived = new Promise<void>((resolve) => (onMail = resolve));
    const nobody = await alice.post('/account/reset/request', { email: 'nobody@example.com' });
    const known = await alice.post('/account/reset/request', { email: 'mail@example.com' });
    expect(known.status).toBe(202);
    expect([nobody.status, nobody.body]).toEqual([known.status, known.body]);
    expect(JSON.stringify(known.body)).toMatch(/reset link is on its way/);
    await arrived;
    expect(mails).toHaveLength(1);
    const mail = mails[0] ?? '';
    expect(mail).toMatch(/^To: mail@example\.com/m);
    // The text is quoted-printable: unfold soft breaks and decode =XX before reading it.
    const body = mail
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const token = /\/account\/reset#token=([A-Za-z0-9_-]{43})/.exec(body)?.[1];
    expect(token).toBeDefined();
    expect(body).toContain(`${server.url}/account/reset#token=${token}`);
    const reset = await new Browser(server.url).post('/account/reset', {
      token,
      password: 'from the email link',
    });
    expect(reset.status).toBe(200);
    expect((await alice.get('/account/me')).status).toBe(401);
    const again = await new Browser(server.url).post('/account/reset', {
      token,
      password: 'and once again please',
    });
    expect(again.status).toBe(404);
  });
});
