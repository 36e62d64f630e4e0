/**
 * Finds primary account numbers (PANs) in text. A candidate must:
 *
 * - be 13 to 19 digits, written together (`4539148803436467`) or in the
 *   groups cards are printed in (4-4-4-4, 4-6-5, 4-6-4, 4-4-4-4-3...), with
 *   one kind of separator, a space or a dash;
 * - stand alone: no letter, digit or underscore right before or after it
 *   (so nothing inside a hex digest, a base64 blob or a longer number), and
 *   not be the decimals of a number;
 * - start with the issuer prefix (IIN) of a card scheme and have a length
 *   that scheme issues;
 * - pass the Luhn check;
 * - not be an obvious non-PAN: a published test card number, or a number
 *   of at most three distinct digits (4111111111111111, 4000000000000002).
 *
 * The Luhn check alone lets through one number in ten; the prefix and
 * length tables and the separators cut that further. Numbers are never
 * returned whole: callers get the masked form PCI DSS 3.4.1 allows to be
 * shown (first six and last four digits).
 */

export interface CardScheme {
  name: string;
  prefix: RegExp;
  lengths: readonly number[];
}

const SIXTEEN_TO_NINETEEN = [16, 17, 18, 19] as const;

/** Issuer prefixes and lengths; the first scheme whose prefix and length fit names the card. */
export const CARD_SCHEMES: readonly CardScheme[] = [
  { name: 'Visa', prefix: /^4/, lengths: [13, 16, 19] },
  { name: 'Mastercard', prefix: /^(?:5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] },
  { name: 'American Express', prefix: /^3[47]/, lengths: [15] },
  { name: 'Discover', prefix: /^(?:6011|64[4-9]|65)/, lengths: SIXTEEN_TO_NINETEEN },
  { name: 'JCB', prefix: /^35(?:2[89]|[3-8]\d)/, lengths: SIXTEEN_TO_NINETEEN },
  { name: 'Diners Club', prefix: /^(?:30[0-5]|3095|36|3[89])/, lengths: [14, 15, 16, 17, 18, 19] },
  { name: 'UnionPay', prefix: /^62/, lengths: SIXTEEN_TO_NINETEEN },
  { name: 'Maestro', prefix: /^(?:5018|5020|5038|5893|6304|6759|676[1-3])/, lengths: [13, 14, 15, 16, 17, 18, 19] },
  { name: 'Mir', prefix: /^220[0-4]/, lengths: SIXTEEN_TO_NINETEEN },
  { name: 'RuPay', prefix: /^(?:60|508|8[12])/, lengths: [16] },
];

/**
 * Test card numbers that payment providers publish (Visa, Mastercard, Amex,
 * Discover, Diners, JCB, UnionPay; Stripe, Adyen, Braintree and PayPal
 * sandboxes). They pass every other check but are not account numbers, and
 * test configurations are full of them. Those of three digits or fewer
 * (4111111111111111, 5555555555554444) are left out here: the
 * distinct-digit check already drops them.
 */
export const TEST_CARD_NUMBERS: ReadonlySet<string> = new Set([
  '4012888888881881',
  '4000056655665556',
  '4000000000009995',
  '4000000000003220',
  '4917610000000000',
  '4484070000000000',
  '4988438843884305',
  '4166676667666746',
  '4000620000000007',
  '4005519200000004',
  '4009348888881881',
  '4012000033330026',
  '4012000077777777',
  '4217651111111119',
  '4500600000000061',
  '4444333322221111',
  '4761739001010010',
  '5200828282828210',
  '5431111111111111',
  '5555341244441115',
  '5577000055770004',
  '5136333333333335',
  '2223003122003222',
  '2222400070000005',
  '2223000048410010',
  '2221000000000009',
  '378282246310005',
  '371449635398431',
  '378734493671000',
  '370000000000002',
  '340000000000009',
  '371111111111114',
  '6011111111111117',
  '6011000990139424',
  '6011000400000000',
  '30569309025904',
  '38520000023237',
  '36006666333344',
  '3056930009020004',
  '36227206271667',
  '36259600000004',
  '3530111333300000',
  '3566002020360505',
  '3566111111111113',
  '3569990010095841',
  '6200000000000005',
  '6200000000000047',
  '6205500000000000004',
  '6250941006528599',
  '6243030000000001',
  '6759649826438453',
  '6799990100000000019',
  '5018000000000009',
  '6304000000000000',
]);

/** The Luhn (mod 10) check digit test. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The card scheme whose issuer prefix and lengths fit the digits, if any. */
export function cardScheme(digits: string): CardScheme | undefined {
  return CARD_SCHEMES.find((s) => s.lengths.includes(digits.length) && s.prefix.test(digits));
}

/** First six and last four digits, the rest as `*`: `453914******6467`. */
export function maskPan(digits: string): string {
  if (digits.length <= 10) return '*'.repeat(digits.length);
  return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}

/** Whether the digits are a PAN by prefix, length and check digit, and not an obvious non-PAN. */
export function isLikelyPan(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  if (TEST_CARD_NUMBERS.has(digits)) return false;
  if (new Set(digits).size <= 3) return false;
  return cardScheme(digits) !== undefined && luhnValid(digits);
}

export interface PanMatch {
  /** Offset of the first digit in the text. */
  index: number;
  /** Length of the match in the text, separators included. */
  length: number;
  /** The scheme's name: 'Visa'. */
  scheme: string;
  /** First six and last four digits. */
  masked: string;
  /** Set when the PAN sits in magnetic-stripe track data (sensitive authentication data). */
  track?: 1 | 2;
}

/** Card number layouts with separators, as group lengths. */
const GROUPED_LAYOUTS: ReadonlySet<string> = new Set([
  '4-4-4-1',
  '4-4-4-2',
  '4-4-4-3',
  '4-4-4-4',
  '4-4-4-4-1',
  '4-4-4-4-2',
  '4-4-4-4-3',
  '4-6-4',
  '4-6-5',
  '6-13',
]);

/** A character that may not touch a PAN: it would make the digits part of a word, an identifier or a longer token. */
const WORDLIKE = /[A-Za-z0-9_]/;

/** What follows the PAN in track 1 data: ^SURNAME/GIVEN^YYMM. */
const TRACK1_TAIL = /^\^[^^\n]{2,26}\^\d{4}/;
/** What follows the PAN in track 2 data: =YYMM and a three-digit service code. */
const TRACK2_TAIL = /^=\d{7}/;

function standsAloneBefore(text: string, at: number): boolean {
  if (at === 0) return true;
  const before = text.charAt(at - 1);
  if (WORDLIKE.test(before)) return false;
  // The decimals of a number (0.4539...) are not a PAN.
  return !(before === '.' && /\d/.test(text.charAt(at - 2)));
}

function standsAloneAfter(text: string, end: number): boolean {
  if (end >= text.length) return true;
  const after = text.charAt(end);
  if (WORDLIKE.test(after)) return false;
  return !(after === '.' && /\d/.test(text.charAt(end + 1)));
}

/** Track 1 starts `%B<PAN>^`: the B touches the PAN, so it is let through only in that shape. */
function isTrack1(text: string, start: number, end: number): boolean {
  if (start === 0 || text.charAt(start - 1) !== 'B') return false;
  if (start >= 2 && text.charAt(start - 2) !== '%' && WORDLIKE.test(text.charAt(start - 2))) return false;
  return TRACK1_TAIL.test(text.slice(end, end + 40));
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * The end of the run of digits joined by single spaces or dashes that starts
 * at `start` (a digit), and the offsets where its groups end. A plain loop,
 * not a regular expression: the regular expression's backtracking stack
 * overflowed on a megabyte of `1-1-1-…`, and the rule failed with the card
 * numbers after it unreported. Group ends are kept only while the run could
 * still be a grouped card number (at most five groups).
 */
function digitRun(text: string, start: number): { end: number; groupEnds: number[]; groups: number; separators: string } {
  const n = text.length;
  const groupEnds: number[] = [];
  let separators = '';
  let groups = 0;
  let i = start;
  for (;;) {
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    groups++;
    if (groupEnds.length <= 5) groupEnds.push(i);
    const sep = text.charAt(i);
    if ((sep === ' ' || sep === '-') && i + 1 < n && isDigit(text.charCodeAt(i + 1))) {
      if (!separators.includes(sep)) separators += sep;
      i++;
      continue;
    }
    return { end: i, groupEnds, groups, separators };
  }
}

/** Every likely PAN in the text, in order. Linear in the length of the text. */
export function findPans(text: string): PanMatch[] {
  const out: PanMatch[] = [];
  const accept = (digits: string, start: number, end: number, track?: 1 | 2) => {
    if (!isLikelyPan(digits)) return;
    const scheme = cardScheme(digits) as CardScheme;
    const match: PanMatch = { index: start, length: end - start, scheme: scheme.name, masked: maskPan(digits) };
    if (track !== undefined) match.track = track;
    out.push(match);
  };
  /** A run of digits alone: plain, or the PAN of track 1 or track 2 data. */
  const single = (start: number, end: number, before: boolean, after: boolean) => {
    // Longer than any card number: never sliced, so a 20 MB run costs one pass.
    if (end - start < 13 || end - start > 19 || !after) return;
    const digits = text.slice(start, end);
    if (isTrack1(text, start, end)) accept(digits, start, end, 1);
    else if (before) accept(digits, start, end, TRACK2_TAIL.test(text.slice(end, end + 8)) ? 2 : undefined);
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    const run = digitRun(text, start);
    const end = run.end;
    i = end;
    const before = standsAloneBefore(text, start);
    const after = standsAloneAfter(text, end);
    if (run.groups === 1) {
      single(start, end, before, after);
      continue;
    }
    // Grouped as printed on a card, with one kind of separator throughout.
    if (run.groups <= 5 && run.separators.length === 1) {
      let at = start;
      const lengths = run.groupEnds.map((groupEnd) => {
        const length = groupEnd - at;
        at = groupEnd + 1;
        return length;
      });
      if (GROUPED_LAYOUTS.has(lengths.join('-'))) {
        if (before && after) accept(text.slice(start, end).replace(/[ -]/g, ''), start, end);
        continue;
      }
    }
    // Otherwise each group on its own: "4539148803436467 12/25".
    let at = start;
    let g = 0;
    while (at < end) {
      let groupEnd = at;
      while (groupEnd < end && isDigit(text.charCodeAt(groupEnd))) groupEnd++;
      single(at, groupEnd, g === 0 ? before : true, groupEnd === end ? after : true);
      at = groupEnd + 1;
      g++;
    }
  }
  return out;
}
