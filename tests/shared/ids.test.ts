import { describe, expect, it } from 'vitest';
import {
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  joinCodeFromBytes,
  normalizeJoinCode,
} from '@playfield/shared/ids';
import { createRandom } from '@playfield/shared/random';

const ALPHABET_SIZE = JOIN_CODE_ALPHABET.length;
/** Bytes at or above this are skipped (256 is not a multiple of the alphabet size). */
const BYTE_LIMIT = 256 - (256 % ALPHABET_SIZE);

function seededBytes(seed: string, n: number): Uint8Array {
  const random = createRandom(seed);
  return Uint8Array.from({ length: n }, () => random.int(256));
}

describe('JOIN_CODE_ALPHABET', () => {
  it.each(['O', '0', 'I', '1', 'L'])('leaves out the look-alike %s', (char) => {
    expect(JOIN_CODE_ALPHABET).not.toContain(char);
  });

  it('has no repeated characters and only upper-case letters and digits', () => {
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(ALPHABET_SIZE);
    expect(JOIN_CODE_ALPHABET).toMatch(/^[A-Z2-9]+$/);
  });
});

describe('joinCodeFromBytes', () => {
  it('makes a six-character code from the first six usable bytes', () => {
    const code = joinCodeFromBytes(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7]));
    expect(code).toBe(JOIN_CODE_ALPHABET.slice(0, 6));
    expect(code).toHaveLength(JOIN_CODE_LENGTH);
  });

  it('maps bytes modulo the alphabet size', () => {
    const bytes = Uint8Array.from([
      ALPHABET_SIZE,
      ALPHABET_SIZE + 1,
      2 * ALPHABET_SIZE - 1,
      0,
      0,
      0,
    ]);
    expect(joinCodeFromBytes(bytes)).toBe(
      `${JOIN_CODE_ALPHABET[0]}${JOIN_CODE_ALPHABET[1]}${JOIN_CODE_ALPHABET[ALPHABET_SIZE - 1]}AAA`,
    );
  });

  it('skips bytes at or above the largest multiple of the alphabet size', () => {
    const high = Array.from({ length: 256 - BYTE_LIMIT }, (_, i) => BYTE_LIMIT + i);
    const code = joinCodeFromBytes(Uint8Array.from([...high, 0, ...high, 1, 2, 3, 4, 5]));
    expect(code).toBe('ABCDEF');
  });

  it('accepts the last byte below the limit', () => {
    const code = joinCodeFromBytes(Uint8Array.from(Array(6).fill(BYTE_LIMIT - 1)));
    expect(code).toBe(JOIN_CODE_ALPHABET[ALPHABET_SIZE - 1]?.repeat(6));
  });

  it.each([
    ['no bytes', []],
    ['five usable bytes', [0, 1, 2, 3, 4]],
    ['only high bytes', Array(64).fill(255)],
    ['five usable bytes among high ones', [255, 0, 250, 1, 2, 249, 3, 4, 248]],
  ])('returns null when the bytes run out (%s)', (_label, bytes) => {
    expect(joinCodeFromBytes(Uint8Array.from(bytes))).toBeNull();
  });

  it('never emits an ambiguous character and always has length 6 when fed random bytes', () => {
    const seed = 'join-codes';
    const random = createRandom(seed);
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: 16 }, () => random.int(256));
      const code = joinCodeFromBytes(bytes);
      if (code === null) continue;
      expect(code, `seed ${seed}, draw ${i}`).toHaveLength(JOIN_CODE_LENGTH);
      expect(code).not.toMatch(/[O0I1L]/);
      expect(normalizeJoinCode(code)).toBe(code);
    }
  });

  it('uses every character of the alphabet roughly equally when fed many bytes', () => {
    const counts = new Map<string, number>();
    const bytes = seededBytes('spread', 64_000);
    for (let i = 0; i + 6 <= bytes.length; i += 8) {
      const code = joinCodeFromBytes(bytes.subarray(i, i + 8));
      for (const char of code ?? '') counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    expect(counts.size).toBe(ALPHABET_SIZE);
    const values = [...counts.values()];
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    for (const value of values) expect(Math.abs(value - mean) / mean).toBeLessThan(0.15);
  });
});

describe('normalizeJoinCode', () => {
  it.each([
    ['ABC234', 'ABC234'],
    ['abc234', 'ABC234'],
    ['  abc 234  ', 'ABC234'],
    ['abc-234', 'ABC234'],
    ['a-b c-2\t3\n4', 'ABC234'],
    ['XyZ789', 'XYZ789'],
  ])('turns %j into %j', (input, expected) => {
    expect(normalizeJoinCode(input)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['too short', 'ABC23'],
    ['too long', 'ABC2345'],
    ['contains O', 'ABCO23'],
    ['contains zero', 'ABC023'],
    ['contains I', 'ABCI23'],
    ['contains one', 'ABC123'],
    ['contains L', 'ABCL23'],
    ['lower-case l', 'abcl23'],
    ['punctuation', 'ABC.23'],
    ['underscore', 'ABC_23'],
    ['non-ASCII letter', 'ÄBC234'],
    ['only separators', ' - - '],
  ])('returns null when the input is %s', (_label, input) => {
    expect(normalizeJoinCode(input)).toBeNull();
  });
});
