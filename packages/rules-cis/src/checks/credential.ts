/**
 * Heuristics for credentials written into manifests. Two kinds of evidence:
 *
 * - a value in a well-known key format (PEM private key, AWS access key id,
 *   GitHub/GitLab/Slack/Google/Stripe/npm tokens, a JWT, a URL with a
 *   password), which is strong evidence whatever the variable is called;
 * - a literal value under a name that says "credential" (PASSWORD, SECRET,
 *   TOKEN, API_KEY...), which is weaker, so the name is split into words and
 *   values that cannot be a credential (empty, placeholders, references,
 *   booleans, numbers, paths, plain URLs) are left alone.
 *
 * Findings never repeat the value: a report must not leak the secret it found.
 */

const isWordCode = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isWordAt = (text: string, i: number) => i >= 0 && i < text.length && isWordCode(text.charCodeAt(i));
const ALNUM = (c: number) => c !== 95 && isWordCode(c);
const UPPER_DIGIT = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
const WORD = isWordCode;
const TOKEN = (c: number) => c === 45 || isWordCode(c);
/** RFC 6750 token68 characters: letters, digits and - . _ ~ + /. */
const TOKEN68 = (c: number) => isWordCode(c) || c === 45 || c === 46 || c === 126 || c === 43 || c === 47;

/**
 * A token format: `\b<prefix><body>{min,max}\b`, matched by scanning rather
 * than by a regular expression, so that a value made of many overlapping
 * near-matches (`glpat-glpat-glpat-…`) costs one pass, not one pass per start.
 */
interface TokenFormat {
  what: string;
  prefixes: readonly string[];
  body: (code: number) => boolean;
  min: number;
  max?: number;
}

const TOKEN_FORMATS: readonly TokenFormat[] = [
  { what: 'an AWS access key id', prefixes: ['AKIA', 'ASIA', 'ABIA', 'ACCA'], body: UPPER_DIGIT, min: 16, max: 16 },
  { what: 'a GitHub token', prefixes: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], body: ALNUM, min: 36 },
  { what: 'a GitHub fine-grained token', prefixes: ['github_pat_'], body: WORD, min: 40 },
  { what: 'a GitLab access token', prefixes: ['glpat-'], body: TOKEN, min: 20 },
  { what: 'a Slack token', prefixes: ['xoxa-', 'xoxb-', 'xoxp-', 'xoxo-', 'xoxs-', 'xoxr-'], body: (c) => c === 45 || ALNUM(c), min: 10 },
  { what: 'a Google API key', prefixes: ['AIza'], body: TOKEN, min: 35, max: 35 },
  { what: 'a Stripe live key', prefixes: ['rk_live_', 'sk_live_'], body: ALNUM, min: 20 },
  { what: 'an npm token', prefixes: ['npm_'], body: ALNUM, min: 36, max: 36 },
  // An HTTP Authorization value (RFC 6750): the scheme, one space, then at least 20 token68 characters.
  { what: 'a bearer token', prefixes: ['Bearer ', 'bearer ', 'BEARER '], body: TOKEN68, min: 20 },
];

/** The end of the run of `body` characters from `from`. */
function runEnd(text: string, from: number, body: (code: number) => boolean): number {
  let i = from;
  while (i < text.length && body(text.charCodeAt(i))) i++;
  return i;
}

/** Whether a word boundary sits at `i` (between a word and a non-word character). */
const boundaryAt = (text: string, i: number) => isWordAt(text, i - 1) !== isWordAt(text, i);

/** The first match of a token format, as [start, end], or undefined. */
function matchToken(text: string, format: TokenFormat): [number, number] | undefined {
  for (const prefix of format.prefixes) {
    let skipUntil = -1;
    for (let at = text.indexOf(prefix); at !== -1; at = text.indexOf(prefix, at + 1)) {
      // A later start inside a run already tried ends where that run ends, with less room: it fails too.
      if (at < skipUntil || isWordAt(text, at - 1)) continue;
      const bodyStart = at + prefix.length;
      const end = runEnd(text, bodyStart, format.body);
      skipUntil = end;
      const last = format.max === undefined ? end : Math.min(end, bodyStart + format.max);
      for (let q = bodyStart + format.min; q <= last; q++) if (boundaryAt(text, q)) return [at, q];
    }
  }
  return undefined;
}

const JWT_BODY = (c: number) => c === 45 || isWordCode(c);

/** `\beyJ<b>{10,}\.eyJ<b>{10,}\.<b>{10,}`, the three parts of a JSON Web Token, by scanning. */
function hasJwt(text: string): boolean {
  let skipUntil = -1;
  for (let at = text.indexOf('eyJ'); at !== -1; at = text.indexOf('eyJ', at + 1)) {
    if (at < skipUntil || isWordAt(text, at - 1)) continue;
    const header = runEnd(text, at + 3, JWT_BODY);
    skipUntil = header;
    if (header - at - 3 < 10 || text.charAt(header) !== '.' || !text.startsWith('eyJ', header + 1)) continue;
    const payload = runEnd(text, header + 4, JWT_BODY);
    if (payload - header - 4 < 10 || text.charAt(payload) !== '.') continue;
    if (runEnd(text, payload + 1, JWT_BODY) - payload - 1 >= 10) return true;
  }
  return false;
}

const PEM_PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
/** The most of a PEM label read before `PRIVATE KEY`: real labels are a few words. */
const PEM_LABEL_MAX = 200;

function hasPemPrivateKey(text: string): boolean {
  for (let at = text.indexOf('PRIVATE KEY'); at !== -1; at = text.indexOf('PRIVATE KEY', at + 1)) {
    if (PEM_PRIVATE_KEY.test(text.slice(Math.max(0, at - PEM_LABEL_MAX), at + 30))) return true;
  }
  return false;
}

const isSpace = (c: number) =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  c === 0xa0 ||
  c === 0xfeff ||
  c === 0x2028 ||
  c === 0x2029 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x1680 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000;
const SCHEME_BODY = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 46 || c === 45;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * The passwords of every `scheme://user:password@host` in the text, found
 * from each `://` by scanning: the user stops at the first `:`, the password
 * at the first `@`, space or `/`, so each part is read once.
 */
function urlPasswords(text: string): string[] {
  const out: string[] = [];
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    // A scheme: letters, digits, + . -, starting with a letter at a word boundary.
    let s = at;
    let scheme = false;
    while (s > 0 && SCHEME_BODY(text.charCodeAt(s - 1))) {
      s--;
      if (isLetter(text.charCodeAt(s)) && !isWordAt(text, s - 1)) scheme = true;
    }
    if (!scheme) continue;
    let i = at + 3;
    const userStart = i;
    while (i < text.length && !isSpace(text.charCodeAt(i)) && !':@/'.includes(text.charAt(i))) i++;
    if (i === userStart || text.charAt(i) !== ':') continue;
    const passwordStart = ++i;
    while (i < text.length && !isSpace(text.charCodeAt(i)) && !'@/'.includes(text.charAt(i))) i++;
    if (i === passwordStart || text.charAt(i) !== '@') continue;
    const host = text.charAt(i + 1);
    if (host === '' || host === '/' || isSpace(host.charCodeAt(0))) continue;
    out.push(text.slice(passwordStart, i));
  }
  return out;
}

/** The documentation examples of AWS end in EXAMPLE; they are not keys. */
const AWS_EXAMPLE = /(?:AKIA|ASIA)[0-9A-Z]{9}EXAMPLE/;

/** Words of a variable name that make it a credential. */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  'PASSWORD',
  'PASSWD',
  'PASS',
  'PASSPHRASE',
  'PWD',
  'SECRET',
  'SECRETS',
  'TOKEN',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'CREDS',
]);

/** Two-word credential names: API_KEY, ACCESS_KEY, PRIVATE_KEY... */
const SECRET_PAIRS: ReadonlySet<string> = new Set([
  'API KEY',
  'ACCESS KEY',
  'PRIVATE KEY',
  'AUTH KEY',
  'MASTER KEY',
  'ENCRYPTION KEY',
  'SIGNING KEY',
  'CLIENT KEY',
  'ACCOUNT KEY',
  'SHARED KEY',
  // Azure Storage and Batch account keys, SSH and HMAC keys, and key material inlined as content (OCI_CLI_KEY_CONTENT).
  'STORAGE KEY',
  'BATCH KEY',
  'SSH KEY',
  'HMAC KEY',
  'KEY CONTENT',
]);

/**
 * A last word that makes the variable about a credential rather than the
 * credential itself: TOKEN_FILE, PASSWORD_PATH, SECRET_NAME, ACCESS_KEY_ID,
 * TOKEN_TTL, PASSWORD_MIN_LENGTH.
 */
const NOT_A_SECRET_SUFFIX: ReadonlySet<string> = new Set([
  'FILE',
  'FILES',
  'PATH',
  'DIR',
  'DIRECTORY',
  'NAME',
  'NAMES',
  'REF',
  'URL',
  'URI',
  'ENDPOINT',
  'HOST',
  'PORT',
  'USER',
  'USERNAME',
  'ID',
  'TYPE',
  'KIND',
  'MODE',
  'ENABLED',
  'ENABLE',
  'DISABLED',
  'DISABLE',
  'REQUIRED',
  'TTL',
  'TIMEOUT',
  'EXPIRY',
  'EXPIRATION',
  'EXPIRES',
  'LIFETIME',
  'DURATION',
  'SECONDS',
  'MINUTES',
  'HOURS',
  'DAYS',
  'LENGTH',
  'LEN',
  'SIZE',
  'HEADER',
  'FIELD',
  'PARAM',
  'LOCATION',
  'MOUNT',
  'VERSION',
  'FORMAT',
  'ALGORITHM',
  'ALG',
  'ISSUER',
  'AUDIENCE',
  'SCOPE',
  'SCOPES',
  'POLICY',
  'PROVIDER',
  'STORE',
  'BACKEND',
  'ROTATION',
  'INTERVAL',
  'COUNT',
  'LIMIT',
  'REGEX',
  'PATTERN',
  'PREFIX',
  'SUFFIX',
  'MIN',
  'MAX',
  'HASH',
  'KEYS',
  'SOURCE',
  'METHOD',
  'STRATEGY',
  'REFRESH',
  'CACHE',
  'LOOKUP',
  'RETRIES',
  'VALIDATION',
  'VERIFY',
  'CHECK',
  'AUTH',
]);

/** Values that read as "no credential here". */
const INERT_VALUES: ReadonlySet<string> = new Set([
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'none',
  'null',
  'nil',
  'disabled',
  'enabled',
  'empty',
  'unset',
  'n/a',
  '-',
]);

/** Upper-case words of a variable name: `dbPassword` and `DB_PASSWORD` both give ['DB', 'PASSWORD']. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toUpperCase());
}

/** Whether a variable or key name says it holds a credential. */
export function isCredentialName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  // PWD alone is the shell's working directory.
  if (words.length === 1 && words[0] === 'PWD') return false;
  if (NOT_A_SECRET_SUFFIX.has(words[words.length - 1] as string)) return false;
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  // A public key is meant to be shared (SSH_PUBLIC_KEY_CONTENT).
  if (words.includes('PUBLIC')) return false;
  return words.some((w, i) => i > 0 && SECRET_PAIRS.has(`${words[i - 1]} ${w}`));
}

/** A value filled in elsewhere: `$(VAR)`, `${VAR}`, `{{ .Values.x }}`, `<password>`, `%s`. */
function isPlaceholder(value: string): boolean {
  return /\$\(|\$\{|\{\{|^<[^>]*>$|%s|%\(/.test(value);
}

/** A reference to a secret manager rather than the secret itself. */
function isSecretReference(value: string): boolean {
  return /^(?:vault:|ref\+|awssm:|awsssm:|gcpsm:|azkv:|sops:|arn:aws[a-z-]*:(?:secretsmanager|ssm|kms):|projects\/[^/]+\/secrets\/)/i.test(value);
}

/** `scheme://…:…@`: the part before the first `/`, `@` or space ends in `@` and holds a `:`. */
function hasUserInfoWithPassword(url: string): boolean {
  let i = url.indexOf('://') + 3;
  const start = i;
  while (i < url.length && !isSpace(url.charCodeAt(i)) && url.charAt(i) !== '/' && url.charAt(i) !== '@') i++;
  return url.charAt(i) === '@' && url.slice(start, i).includes(':');
}

/** Whether a literal value under a credential name may be the credential. */
export function isLiteralCredentialValue(value: string): boolean {
  const v = value.trim();
  if (v === '') return false;
  if (INERT_VALUES.has(v.toLowerCase())) return false;
  if (/^-?\d+(?:\.\d+)?$/.test(v)) return false;
  if (/^(.)\1*$/.test(v)) return false;
  if (isPlaceholder(v) || isSecretReference(v)) return false;
  if (v.startsWith('/') || v.startsWith('file:') || v.startsWith('~/')) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) && !hasUserInfoWithPassword(v)) return false;
  return true;
}

/**
 * What well-known credential format a value holds ('a PEM private key'), if
 * any. Every format is found by scanning, in time linear in the length of the
 * value: a long value of near-misses made the regular expressions quadratic.
 */
export function credentialFormat(value: string): string | undefined {
  if (hasPemPrivateKey(value)) return 'a PEM private key';
  for (const format of TOKEN_FORMATS) {
    const m = matchToken(value, format);
    if (m && !(format.what === 'an AWS access key id' && AWS_EXAMPLE.test(value.slice(m[0], m[1])))) return format.what;
  }
  if (hasJwt(value)) return 'a JSON Web Token';
  if (!value.includes('://') || !value.includes('@')) return undefined;
  for (const password of urlPasswords(value)) {
    if (!isPlaceholder(password) && !/^\*+$|^x+$/i.test(password)) return 'a URL with an embedded password';
  }
  return undefined;
}
