import type { Request } from 'express';
import {
  deviceIdSchema,
  LIMITS,
  type AppError,
  type Result,
  type SessionHeader,
} from '@playfield/shared';
import type { SessionManager } from '../../sessions/sessionManager.ts';
import { perMinute } from '../respond.ts';

type Keys = { device: string; address: string };

const tooFast: AppError = {
  code: 'RATE_LIMITED',
  message:
    'Too many wrong codes from this network: scan the QR code on the screen, or wait a minute',
};

/**
 * Join codes and seats, rate limited. Wrong codes are counted per phone (its device id)
 * and, more loosely, per network address: a whole office shares one, so a room joining
 * at once must never trip it. Seats taken are limited per device, per address and per
 * session. The device id is the client's own choice, so it alone bounds nothing: the
 * address and session allowances are sized for a room behind one office NAT.
 */
export class JoinGuard {
  private readonly deviceFailures = perMinute(LIMITS.joinFailuresPerMinute);
  private readonly addressFailures = perMinute(LIMITS.joinFailuresPerMinutePerAddress);
  private readonly deviceJoins = perMinute(LIMITS.joinsPerMinutePerDevice);
  private readonly addressJoins;
  private readonly sessionJoins;
  private readonly checkTypedCode:
    ((found: SessionHeader) => Promise<Result<SessionHeader>>) | undefined;

  constructor(
    private readonly manager: SessionManager,
    options: {
      joinsPerMinutePerAddress: number;
      joinsPerMinutePerSession: number;
      /** A typed code found a session: may it be joined so? (A rehearsal says no unless opened.) */
      checkTypedCode?: (found: SessionHeader) => Promise<Result<SessionHeader>>;
    },
  ) {
    this.addressJoins = perMinute(options.joinsPerMinutePerAddress);
    this.sessionJoins = perMinute(options.joinsPerMinutePerSession);
    this.checkTypedCode = options.checkTypedCode;
  }

  /** A device id is only a rate-limit key; a missing or malformed one falls back to the address. */
  keys(req: Request, deviceId: string | undefined): Keys {
    return {
      device: deviceIdSchema.safeParse(deviceId).success
        ? `d:${deviceId}`
        : `d:${req.ip ?? 'unknown'}`,
      address: `a:${req.ip ?? 'unknown'}`,
    };
  }

  /**
   * Finds the session behind a join code. A code that comes with the id of its session
   * (the QR code and the join link carry it) is no guess, so the wrong-code limits do not
   * hold it back: a room behind one address keeps joining while someone there guesses
   * codes. Anything else (a typed code, or an id that does not match) is a guess: it is
   * limited per device and per address and counted when wrong, and the answer is the
   * same whether the code or the id was wrong, so the id tells nothing.
   */
  async find(
    req: Request,
    code: string,
    deviceId: string | undefined,
    sessionId: string | undefined,
  ): Promise<Result<SessionHeader>> {
    if (sessionId !== undefined && (await this.manager.sessionIdOfCode(code)) === sessionId)
      return this.manager.lookup(code);
    const keys = this.keys(req, deviceId);
    if (this.deviceFailures.isLimited(keys.device) || this.addressFailures.isLimited(keys.address))
      return { ok: false, error: tooFast };
    // A code with an id that is not its session's is as wrong as a wrong code: the empty
    // code finds nothing and answers exactly what a wrong one does.
    const result = await this.manager.lookup(sessionId === undefined ? code : '');
    if (!result.ok && result.error.code === 'NOT_FOUND') {
      this.deviceFailures.take(keys.device);
      this.addressFailures.take(keys.address);
    }
    return result.ok && this.checkTypedCode ? this.checkTypedCode(result.data) : result;
  }

  /** Takes a seat's allowance; the refusal's message when one is spent. */
  admit(keys: Keys, sessionId: string): string | null {
    if (!this.deviceJoins.take(keys.device))
      return 'Too many joins from this device: wait a minute';
    if (!this.addressJoins.take(keys.address))
      return 'Too many people joined from this network just now: wait a minute';
    if (!this.sessionJoins.take(`s:${sessionId}`))
      return 'Too many people are joining this session at once: wait a minute';
    return null;
  }
}
