import { describe, expect, it } from 'vitest';
import { credentialFormat, isLiteralCredentialValue } from '../src/checks/credential.js';

/** The regular expressions the scanners replaced, kept here as the reference they must agree with on short text. */
const REFERENCE: ReadonlyArray<readonly [RegExp, string]> = [
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/, 'a PEM private key'],
  [/\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bgithub_pat_[A-Za-z0-9_]{40,}\b/, 'a GitHub fine-grained token'],
  [/\bglpat-[A-Za-z0-9_-]{20,}\b/, 'a GitLab access token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}\b/, 'a Slack token'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/\b[rs]k_live_[0-9A-Za-z]{20,}\b/, 'a Stripe live key'],
  [/\bnpm_[A-Za-z0-9]{36}\b/, 'an npm token'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, 'a JSON Web Token'],
];
const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s@/]+)@[^\s/]+/gi;

function reference(value: string): string | undefined {
  for (const [pattern, what] of REFERENCE) {
    const m = pattern.exec(value);
    if (m && !(what === 'an AWS access key id' && /(?:AKIA|ASIA)[0-9A-Z]{9}EXAMPLE/.test(m[0]))) return what;
  }
  for (const m of value.matchAll(URL_WITH_PASSWORD)) {
    const password = m[1] as string;
    if (!/\$\(|\$\{|\{\{|^<[^>]*>$|%s|%\(/.test(password) && !/^\*+$|^x+$/i.test(password)) return 'a URL with an embedded password';
  }
  return undefined;
}

const PIECES = [
  'AKIA',
  'ASIA',
  'EXAMPLE',
  'ghp_',
  'github_pat_',
  'glpat-',
  'xoxb-',
  'AIza',
  'sk_live_',
  'npm_',
  'eyJ',
  '.',
  '-',
  '_',
  ' ',
  ':',
  '//',
  '://',
  '@',
  '/',
  'a',
  'Z',
  '0',
  '9',
  'abcdefghij',
  'ABCDEFGHIJKLMNOP',
  '0123456789',
  '-----BEGIN ',
  'RSA ',
  'PRIVATE KEY',
  '-----',
  'https',
  'x',
  '***',
  '\n',
];

describe('credentialFormat', () => {
  it('agrees with the regular expressions it replaced on 20,000 generated values', () => {
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let k = 0; k < 20_000; k++) {
      const value = Array.from({ length: 1 + next(24) }, () => PIECES[next(PIECES.length)]).join('');
      expect(credentialFormat(value), JSON.stringify(value)).toBe(reference(value));
    }
  });

  it.each([
    ['a PEM key', '-----BEGIN RSA PRIVATE KEY-----\nMII', 'a PEM private key'],
    ['an AWS key id', 'key=AKIAZ7Q2XKJ4R5T6Y7U8 ', 'an AWS access key id'],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTYifQ.dozjgNryP4J3jVmNHl0w5N', 'a JSON Web Token'],
    ['a URL with a password', 'postgres://app:s3cr3t@db:5432/app', 'a URL with an embedded password'],
  ])('finds %s', (_what, value, format) => {
    expect(credentialFormat(value)).toBe(format);
  });

  it.each([
    ['a URL scheme', `${'a'.repeat(1 << 20)}`, 'a URL with an embedded password'],
    ['URL user parts', `a://${'b:'.repeat(1 << 19)}`, 'a URL with an embedded password'],
    ['JWT starts', 'eyJ'.repeat(1 << 19), 'a URL with an embedded password'],
    ['PEM labels', `-----BEGIN ${'A '.repeat(1 << 19)}`, 'a URL with an embedded password'],
    // Each of these is a token by the old expressions too, found after one pass.
    ['GitLab starts', 'glpat-'.repeat(1 << 18), 'a GitLab access token'],
    ['fine-grained GitHub starts', 'github_pat_'.repeat(1 << 17), 'a GitHub fine-grained token'],
  ])('reads a megabyte of overlapping %s in one pass and still finds the key', (_what, filler, format) => {
    expect(credentialFormat(`${filler} postgres://app:s3cr3t@db/app`)).toBe(format);
  });
});

describe('isLiteralCredentialValue', () => {
  it('tells a URL with a password from a plain URL, also after a megabyte of colons', () => {
    expect(isLiteralCredentialValue('https://example.com/x')).toBe(false);
    expect(isLiteralCredentialValue('https://u:p@example.com/x')).toBe(true);
    expect(isLiteralCredentialValue(`a://${':'.repeat(1 << 20)}`)).toBe(false);
    expect(isLiteralCredentialValue(`a://${':'.repeat(1 << 20)}@h`)).toBe(true);
  });
});
