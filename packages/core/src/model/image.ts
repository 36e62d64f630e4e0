/** A container image reference, split as the container runtime reads it. */
export interface ImageRef {
  /** The reference as written. */
  text: string;
  /** Registry host (with port) when the first path component names one. */
  registry?: string;
  /** Repository path without registry, tag or digest, e.g. 'library/nginx' or 'kubernetesui/dashboard'. */
  repository: string;
  tag?: string;
  /** 'sha256:…' when the reference pins a digest. */
  digest?: string;
}

/** `algorithm:encoded`, as the OCI image spec defines a digest. */
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** The names under which Docker Hub is written; a reference without a registry means Docker Hub. */
const DOCKER_HUB_ALIASES: ReadonlySet<string> = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** Whether the first component of an image path names a registry: it has a dot or a port, or is `localhost`. */
function namesRegistry(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost';
}

/**
 * Splits `[registry/]repository[:tag][@digest]`. A colon after the last
 * slash starts the tag; one before it belongs to a registry port
 * (`registry:5000/app`). Undefined for an empty reference.
 */
export function parseImage(text: string): ImageRef | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const at = trimmed.indexOf('@');
  const name = at === -1 ? trimmed : trimmed.slice(0, at);
  const digest = at === -1 ? undefined : trimmed.slice(at + 1);
  const slash = name.lastIndexOf('/');
  const colon = name.indexOf(':', slash + 1);
  const path = colon === -1 ? name : name.slice(0, colon);
  const tag = colon === -1 ? undefined : name.slice(colon + 1);
  const firstSlash = path.indexOf('/');
  const first = firstSlash === -1 ? path : path.slice(0, firstSlash);
  const hasRegistry = firstSlash !== -1 && namesRegistry(first);
  const ref: ImageRef = { text: trimmed, repository: hasRegistry ? path.slice(first.length + 1) : path };
  if (hasRegistry) ref.registry = first;
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined && DIGEST.test(digest)) ref.digest = digest;
  return ref;
}

/**
 * The reference as the container runtime completes it: `nginx:1.27` is
 * `docker.io/library/nginx:1.27`, `bitnami/redis` is `docker.io/bitnami/redis`.
 */
export function normalizedImage(text: string): string {
  const image = text.trim();
  const slash = image.indexOf('/');
  const first = slash === -1 ? '' : image.slice(0, slash);
  const hasRegistry = slash !== -1 && namesRegistry(first);
  if (hasRegistry && !DOCKER_HUB_ALIASES.has(first)) return image;
  const path = hasRegistry ? image.slice(slash + 1) : image;
  const name = path.split(/[:@]/)[0] as string;
  return `docker.io/${name.includes('/') ? '' : 'library/'}${path}`;
}

/**
 * A reference the linter cannot judge because something fills it in later:
 * a Helm or envsubst placeholder, or `$(VAR)` expansion.
 */
export function isPlaceholderImage(text: string): boolean {
  return /\$\{|\$\(|\{\{|<[^>]*>/.test(text);
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

/** Whether an image, as written or as the runtime completes it, comes from one of the registry prefixes. */
export function isAllowedImage(image: string, prefixes: readonly string[]): boolean {
  const written = image.trim();
  const full = normalizedImage(written);
  return prefixes.some((p) => hasRegistryPrefix(written, p) || hasRegistryPrefix(full, p));
}
