import nodemailer from 'nodemailer';

/** Sends password-reset links by email (set up from SMTP_URL). */
export interface ResetMailer {
  /** Sends in the background; a failure is logged, never thrown into the request. */
  sendReset(email: string, token: string, origin: string): void;
}

/** The reset page's address for a token: the token rides in the fragment, never in logs. */
export function resetLink(origin: string, token: string): string {
  return `${origin}/account/reset#token=${token}`;
}

/**
 * A mailer over SMTP (`smtp://user:pass@host:port`, or `smtps://…`), through nodemailer.
 * The link's origin is the request's host, which the host allowlist has already checked
 * (no reset link can point at a host the server does not answer to).
 */
export function smtpMailer(smtpUrl: string, from: string): ResetMailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    sendReset(email, token, origin) {
      const link = resetLink(origin, token);
      transport
        .sendMail({
          from,
          to: email,
          subject: 'Reset your Playfield password',
          text: [
            'Someone asked to reset the password of your Playfield account.',
            '',
            `Choose a new password here (the link works once, for one hour):`,
            link,
            '',
            'If it was not you, ignore this email: your password stays as it is.',
          ].join('\n'),
        })
        .catch((error: unknown) => {
          console.error('[accounts] reset email not sent:', (error as Error).message);
        });
    },
  };
}
