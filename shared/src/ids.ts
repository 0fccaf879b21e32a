/**
 * Join codes: six characters a participant reads off a projector and types on a phone.
 * The alphabet leaves out characters that look alike (O/0, I/1/L).
 */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** Length of a join code. */
export const JOIN_CODE_LENGTH = 6;

/** What a person is told when what they typed cannot be a join code. */
export const JOIN_CODE_HINT = `A join code has ${JOIN_CODE_LENGTH} letters and digits, as shown on the room screen. Codes never contain 0, O, 1, I or L, so they cannot be mistaken for one another.`;

const JOIN_CODE_PATTERN = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/**
 * Turns random bytes into a join code. Bytes at or above the largest multiple of the
 * alphabet size are skipped so every character is equally likely; returns null when the
 * bytes run out first (the caller draws more).
 */
export function joinCodeFromBytes(bytes: Uint8Array): string | null {
  const size = JOIN_CODE_ALPHABET.length;
  const limit = 256 - (256 % size);
  let code = '';
  for (const byte of bytes) {
    if (byte >= limit) continue;
    code += JOIN_CODE_ALPHABET[byte % size];
    if (code.length === JOIN_CODE_LENGTH) return code;
  }
  return null;
}

/** Normalises what a person typed (case, spaces, dashes); null if it cannot be a code. */
export function normalizeJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return JOIN_CODE_PATTERN.test(code) ? code : null;
}
