import { describe, expect, it } from 'vitest';
import { count, plural } from '@playfield/shared/plural';

describe('count and plural', () => {
  it('group a count in thousands with commas, whatever the machine’s locale', () => {
    expect(count(0)).toBe('0');
    expect(count(999)).toBe('999');
    expect(count(4999)).toBe('4,999');
    expect(count(1234567)).toBe('1,234,567');
  });

  it('put the word that goes with the count beside it', () => {
    expect(plural(1, 'person', 'people')).toBe('1 person');
    expect(plural(0, 'person', 'people')).toBe('0 people');
    expect(plural(4999, 'person', 'people')).toBe('4,999 people');
  });
});
