import { describe, expect, it } from 'vitest';
import { ACK_TIMEOUT_MS, finalConnectError, isFinalCode } from '../../client/src/realtime/link.ts';

const refusal = (code: string | undefined, message = 'Refused') =>
  Object.assign(new Error(message), code === undefined ? {} : { data: { code } });

describe('the one set of link rules for the session and the documents', () => {
  it('waits ten seconds for an answer, past the server ping time-out of eight', () => {
    expect(ACK_TIMEOUT_MS).toBe(10_000);
  });

  it('gives up on a credential, a stale page or an unreadable handshake', () => {
    for (const code of [
      'UNAUTHORIZED',
      'FORBIDDEN',
      'NOT_FOUND',
      'PROTOCOL_MISMATCH',
      'BAD_REQUEST',
    ])
      expect(isFinalCode(code)).toBe(true);
    expect(finalConnectError(refusal('PROTOCOL_MISMATCH', 'Reload the page'))).toEqual({
      code: 'PROTOCOL_MISMATCH',
      message: 'Reload the page',
    });
  });

  it('keeps retrying what passes: busy, unavailable, rate limited, or no code at all', () => {
    for (const code of ['BUSY', 'UNAVAILABLE', 'RATE_LIMITED', 'INTERNAL'])
      expect(isFinalCode(code)).toBe(false);
    expect(finalConnectError(refusal('BUSY'))).toBeNull();
    expect(finalConnectError(refusal(undefined))).toBeNull();
  });
});
