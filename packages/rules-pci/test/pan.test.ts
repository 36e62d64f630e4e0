import { describe, expect, it } from 'vitest';
import { cardScheme, findPans, isLikelyPan, luhnValid, maskPan, TEST_CARD_NUMBERS } from '../src/checks/pan.js';

// Random numbers that pass the Luhn check, one per scheme; not real accounts.
const VISA = '4539148803436467';
const MASTERCARD = '5425233430109903';
const MASTERCARD_2 = '2223004812345675';
const AMEX = '374245512345017';
const DISCOVER = '6011556677889904';
const JCB = '3566002020361123';
const UNIONPAY_18 = '621234567890123457';

describe('luhnValid', () => {
  it('accepts numbers whose check digit is right and rejects the others', () => {
    expect(luhnValid(VISA)).toBe(true);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('4539148803436468')).toBe(false);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('4539 1488')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });
});

describe('cardScheme', () => {
  it.each([
    [VISA, 'Visa'],
    [MASTERCARD, 'Mastercard'],
    [MASTERCARD_2, 'Mastercard'],
    [AMEX, 'American Express'],
    [DISCOVER, 'Discover'],
    [JCB, 'JCB'],
    [UNIONPAY_18, 'UnionPay'],
    ['2200123456789019', 'Mir'],
    ['6759123456789017', 'Maestro'],
    ['30012345678901', 'Diners Club'],
  ])('names the scheme of %s', (digits, name) => {
    expect(cardScheme(digits)?.name).toBe(name);
  });

  it.each([
    ['a prefix no scheme issues', '9539148803436467'],
    ['a Visa of a length Visa does not issue', '453914880343646'],
    ['an Amex of sixteen digits', '3742455123450170'],
    ['a Mastercard below the 2-series range', '2220004812345675'],
    ['a Mastercard above the 2-series range', '2721004812345675'],
    ['a microsecond timestamp', '1732708800123456'],
  ])('knows no scheme for %s', (_, digits) => {
    expect(cardScheme(digits)).toBeUndefined();
  });
});

describe('maskPan', () => {
  it('keeps the first six and last four digits only', () => {
    expect(maskPan(VISA)).toBe('453914******6467');
    expect(maskPan(AMEX)).toBe('374245*****5017');
    expect(maskPan(UNIONPAY_18)).toBe('621234********3457');
    expect(maskPan('1234567890')).toBe('**********');
  });
});

describe('isLikelyPan', () => {
  it('needs a scheme, a length it issues and the Luhn check', () => {
    for (const pan of [VISA, MASTERCARD, MASTERCARD_2, AMEX, DISCOVER, JCB, UNIONPAY_18]) expect(isLikelyPan(pan), pan).toBe(true);
    expect(isLikelyPan('4539148803436468')).toBe(false);
    expect(isLikelyPan('453914880343')).toBe(false);
    expect(isLikelyPan('45391488034364670001')).toBe(false);
  });

  it('leaves out published test numbers and numbers of three digits or fewer', () => {
    for (const test of TEST_CARD_NUMBERS) {
      expect(luhnValid(test), `${test} passes the Luhn check`).toBe(true);
      expect(isLikelyPan(test)).toBe(false);
    }
    for (const low of ['4111111111111111', '4242424242424242', '5555555555554444', '4000000000000002', '5105105105105100'])
      expect(isLikelyPan(low)).toBe(false);
  });
});

describe('findPans', () => {
  const masked = (text: string) => findPans(text).map((m) => m.masked);

  it('finds PANs written together or in printed groups, with one separator', () => {
    expect(masked(`card ${VISA}`)).toEqual(['453914******6467']);
    expect(masked('4539 1488 0343 6467')).toEqual(['453914******6467']);
    expect(masked('4539-1488-0343-6467')).toEqual(['453914******6467']);
    expect(masked('3742 455123 45017')).toEqual(['374245*****5017']);
    expect(masked('4539 1488-0343 6467')).toEqual([]);
    expect(masked('45 39 14 88 03 43 64 67')).toEqual([]);
  });

  it('reports where each match is, separators included', () => {
    const text = `a,4539 1488 0343 6467,${MASTERCARD}`;
    expect(findPans(text).map((m) => [m.index, m.length, m.scheme])).toEqual([
      [2, 19, 'Visa'],
      [22, 16, 'Mastercard'],
    ]);
  });

  it('finds a PAN followed by other groups of another shape', () => {
    expect(masked(`${VISA} 12 25`)).toEqual(['453914******6467']);
  });

  it('ignores digits that touch letters, digits or underscores, and decimals', () => {
    expect(masked(`sha256:${VISA}c8e1f0e9b1d3`)).toEqual([]);
    expect(masked(`deadbeef${VISA}`)).toEqual([]);
    expect(masked(`order_${VISA}`)).toEqual([]);
    expect(masked(`tok${VISA}`)).toEqual([]);
    expect(masked(`0.${VISA}`)).toEqual([]);
    expect(masked(`1${VISA}`)).toEqual([]);
    expect(masked(`${VISA}.5`)).toEqual([]);
    expect(masked(`"${VISA}".`)).toEqual(['453914******6467']);
    expect(masked(`/orders/${VISA}?x=1`)).toEqual(['453914******6467']);
  });

  it('marks track 1 and track 2 data', () => {
    expect(findPans(`%B${VISA}^LOVELACE/ADA^2912101000000000000000000?`)).toMatchObject([{ masked: '453914******6467', track: 1 }]);
    expect(findPans(`;${VISA}=29121010000000000000?`)).toMatchObject([{ masked: '453914******6467', track: 2 }]);
    expect(findPans(`${VISA}=2912`)[0]?.track).toBeUndefined();
    // A B before the digits is let through only in the shape of track 1.
    expect(findPans(`B${VISA}`)).toEqual([]);
    expect(findPans(`AB${VISA}^LOVELACE/ADA^2912`)).toEqual([]);
  });

  it('finds nothing in other long numbers, phone numbers and port lists', () => {
    for (const text of [
      '1732708800123456789',
      '+44 20 7946 0958',
      '8080 8443 9090 9443',
      '2024-11-27 12:00:00',
      '123456789012',
      '4539a148-8034-3646-7abc-def012345678',
    ]) {
      expect(findPans(text), text).toEqual([]);
    }
  });
});

describe('findPans on hostile text', () => {
  it('finds the card after 8 MB of `1-1-1-…` (the regular expression overflowed its stack)', () => {
    const text = `${'1-'.repeat(4 * 1024 * 1024)}1 card: ${VISA}`;
    expect(findPans(text).map((m) => m.masked)).toEqual([maskPan(VISA)]);
  });

  it('finds the card after a 20 MB run of digits', () => {
    const text = `${'7'.repeat(20 * 1024 * 1024)} ${VISA}`;
    expect(findPans(text).map((m) => m.masked)).toEqual([maskPan(VISA)]);
  });

  it('still reads grouped card numbers and groups on their own', () => {
    expect(findPans('4539 1488 0343 6467').map((m) => m.length)).toEqual([19]);
    expect(findPans(`${VISA} 12 25`).map((m) => m.index)).toEqual([0]);
    expect(findPans(`1-2-3-${VISA}-4`).map((m) => m.index)).toEqual([6]);
  });
});
