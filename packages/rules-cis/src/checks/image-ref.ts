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
  const first = path.split('/')[0] as string;
  const hasRegistry = path.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const ref: ImageRef = { text: trimmed, repository: hasRegistry ? path.slice(first.length + 1) : path };
  if (hasRegistry) ref.registry = first;
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined && DIGEST.test(digest)) ref.digest = digest;
  return ref;
}

/**
 * A reference the linter cannot judge because something fills it in later:
 * a Helm or envsubst placeholder, or `$(VAR)` expansion.
 */
export function isPlaceholderImage(text: string): boolean {
  return /\$\{|\$\(|\{\{|<[^>]*>/.test(text);
}
