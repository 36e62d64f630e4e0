import { describe, expect, it } from 'vitest';
import { formatCount } from '../src/base/count.js';

describe('formatCount', () => {
  it('groups digits in threes as en-US does', () => {
    for (const n of [0, 7, 12, 999, 1000, 1001, 12345, 999999, 1000000, 1234567, 10000000, -1, -1234, -1234567, Number.MAX_SAFE_INTEGER]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it('leaves numbers that are not safe integers as String() writes them', () => {
    expect(formatCount(1.5)).toBe('1.5');
    expect(formatCount(Number.NaN)).toBe('NaN');
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });
});
