/** Sends password-reset links by email (set up from SMTP_URL). */
export interface ResetMailer {
  /** Sends in the background; a failure is logged, never thrown into the request. */
  sendReset(email: string, token: string, origin: string): void;
}

/** The reset page's address for a token: the token rides in the fragment, never in logs. */
export function resetLink(origin: string, token: string): string {
  return `${origin}/account/reset#token=${token}`;
}
