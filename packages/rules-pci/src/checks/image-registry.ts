/**
 * Image references against a list of allowed registry prefixes
 * (`allowedRegistries` in the config: `registry.example.com/`,
 * `ghcr.io/acme/`).
 */

const DOCKER_HUB_ALIASES: ReadonlySet<string> = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * The reference as the container runtime completes it: `nginx:1.27` is
 * `docker.io/library/nginx:1.27`, `bitnami/redis` is `docker.io/bitnami/redis`.
 * The first path component names a registry when it has a dot or a port, or
 * is `localhost`.
 */
export function normalizedImage(text: string): string {
  const image = text.trim();
  const slash = image.indexOf('/');
  const first = slash === -1 ? '' : image.slice(0, slash);
  const hasRegistry = slash !== -1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasRegistry && !DOCKER_HUB_ALIASES.has(first)) return image;
  const path = hasRegistry ? image.slice(slash + 1) : image;
  const name = path.split(/[:@]/)[0] as string;
  return `docker.io/${name.includes('/') ? '' : 'library/'}${path}`;
}

/**
 * Whether an image reference starts with a prefix. A prefix that does not end
 * in `/`, `:` or `@` must end where a path component does, so
 * `registry.example.com` allows `registry.example.com/app` but not
 * `registry.example.com.attacker.io/app`.
 */
export function hasRegistryPrefix(image: string, prefix: string): boolean {
  const p = prefix.trim();
  if (p === '' || !image.startsWith(p)) return false;
  if (/[/:@]$/.test(p) || image.length === p.length) return true;
  return /[/:@]/.test(image.charAt(p.length));
}

/** Whether an image, as written or as the runtime completes it, comes from one of the prefixes. */
export function isAllowedImage(image: string, prefixes: readonly string[]): boolean {
  const written = image.trim();
  const full = normalizedImage(written);
  return prefixes.some((p) => hasRegistryPrefix(written, p) || hasRegistryPrefix(full, p));
}

/** A reference filled in later (Helm, envsubst, `$(VAR)`), which cannot be judged. */
export function isPlaceholderImage(text: string): boolean {
  return /\$\{|\$\(|\{\{|<[^>]*>/.test(text);
}
