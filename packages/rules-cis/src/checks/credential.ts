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

/**
 * Each format with the literal text any match must contain: a cheap
 * `includes` rules most values out before the regular expression runs, which
 * matters on ConfigMaps holding megabytes of dashboards.
 */
const KEY_FORMATS: ReadonlyArray<readonly [RegExp, string, readonly string[]]> = [
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/, 'a PEM private key', ['PRIVATE KEY']],
  [/\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/, 'an AWS access key id', ['AKIA', 'ASIA', 'ABIA', 'ACCA']],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token', ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_']],
  [/\bgithub_pat_[A-Za-z0-9_]{40,}\b/, 'a GitHub fine-grained token', ['github_pat_']],
  [/\bglpat-[A-Za-z0-9_-]{20,}\b/, 'a GitLab access token', ['glpat-']],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}\b/, 'a Slack token', ['xox']],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key', ['AIza']],
  [/\b[rs]k_live_[0-9A-Za-z]{20,}\b/, 'a Stripe live key', ['k_live_']],
  [/\bnpm_[A-Za-z0-9]{36}\b/, 'an npm token', ['npm_']],
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, 'a JSON Web Token', ['eyJ']],
  // An HTTP Authorization value (RFC 6750): the scheme, one space, then a token of at least 20 token68 characters.
  [/\b(?:Bearer|bearer|BEARER) [A-Za-z0-9._~+/-]{20,}/, 'a bearer token', ['Bearer ', 'bearer ', 'BEARER ']],
];

/** scheme://user:password@host, where the password is not a placeholder. */
const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s@/]+)@[^\s/]+/gi;

/** The documentation examples of AWS end in EXAMPLE; they are not keys. */
const AWS_EXAMPLE = /(?:AKIA|ASIA)[0-9A-Z]{9}EXAMPLE/;

/** Words of a variable name that make it a credential. */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  'PASSWORD', 'PASSWD', 'PASS', 'PASSPHRASE', 'PWD', 'SECRET', 'SECRETS', 'TOKEN', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS', 'CREDS',
]);

/** Two-word credential names: API_KEY, ACCESS_KEY, PRIVATE_KEY... */
const SECRET_PAIRS: ReadonlySet<string> = new Set([
  'API KEY', 'ACCESS KEY', 'PRIVATE KEY', 'AUTH KEY', 'MASTER KEY', 'ENCRYPTION KEY', 'SIGNING KEY', 'CLIENT KEY', 'ACCOUNT KEY', 'SHARED KEY',
  // Azure Storage and Batch account keys, SSH and HMAC keys, and key material inlined as content (OCI_CLI_KEY_CONTENT).
  'STORAGE KEY', 'BATCH KEY', 'SSH KEY', 'HMAC KEY', 'KEY CONTENT',
]);

/**
 * A last word that makes the variable about a credential rather than the
 * credential itself: TOKEN_FILE, PASSWORD_PATH, SECRET_NAME, ACCESS_KEY_ID,
 * TOKEN_TTL, PASSWORD_MIN_LENGTH.
 */
const NOT_A_SECRET_SUFFIX: ReadonlySet<string> = new Set([
  'FILE', 'FILES', 'PATH', 'DIR', 'DIRECTORY', 'NAME', 'NAMES', 'REF', 'URL', 'URI', 'ENDPOINT', 'HOST', 'PORT', 'USER', 'USERNAME', 'ID',
  'TYPE', 'KIND', 'MODE', 'ENABLED', 'ENABLE', 'DISABLED', 'DISABLE', 'REQUIRED', 'TTL', 'TIMEOUT', 'EXPIRY', 'EXPIRATION', 'EXPIRES',
  'LIFETIME', 'DURATION', 'SECONDS', 'MINUTES', 'HOURS', 'DAYS', 'LENGTH', 'LEN', 'SIZE', 'HEADER', 'FIELD', 'PARAM', 'LOCATION', 'MOUNT',
  'VERSION', 'FORMAT', 'ALGORITHM', 'ALG', 'ISSUER', 'AUDIENCE', 'SCOPE', 'SCOPES', 'POLICY', 'PROVIDER', 'STORE', 'BACKEND', 'ROTATION',
  'INTERVAL', 'COUNT', 'LIMIT', 'REGEX', 'PATTERN', 'PREFIX', 'SUFFIX', 'MIN', 'MAX', 'HASH', 'KEYS', 'SOURCE', 'METHOD', 'STRATEGY',
  'REFRESH', 'CACHE', 'LOOKUP', 'RETRIES', 'VALIDATION', 'VERIFY', 'CHECK', 'AUTH',
]);

/** Values that read as "no credential here". */
const INERT_VALUES: ReadonlySet<string> = new Set([
  'true', 'false', 'yes', 'no', 'on', 'off', 'none', 'null', 'nil', 'disabled', 'enabled', 'empty', 'unset', 'n/a', '-',
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

/** Whether a literal value under a credential name may be the credential. */
export function isLiteralCredentialValue(value: string): boolean {
  const v = value.trim();
  if (v === '') return false;
  if (INERT_VALUES.has(v.toLowerCase())) return false;
  if (/^-?\d+(?:\.\d+)?$/.test(v)) return false;
  if (/^(.)\1*$/.test(v)) return false;
  if (isPlaceholder(v) || isSecretReference(v)) return false;
  if (v.startsWith('/') || v.startsWith('file:') || v.startsWith('~/')) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) && !/^[a-z][a-z0-9+.-]*:\/\/[^\s/@]*:[^\s/@]*@/i.test(v)) return false;
  return true;
}

/** What well-known credential format a value holds ('a PEM private key'), if any. */
export function credentialFormat(value: string): string | undefined {
  for (const [pattern, what, hints] of KEY_FORMATS) {
    if (!hints.some((hint) => value.includes(hint))) continue;
    const m = pattern.exec(value);
    if (m && !(what === 'an AWS access key id' && AWS_EXAMPLE.test(m[0]))) return what;
  }
  if (!value.includes('://') || !value.includes('@')) return undefined;
  for (const m of value.matchAll(URL_WITH_PASSWORD)) {
    const password = m[1] as string;
    if (!isPlaceholder(password) && !/^\*+$|^x+$/i.test(password)) return 'a URL with an embedded password';
  }
  return undefined;
}
