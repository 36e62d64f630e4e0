/**
 * kustomize records where each resource came from when a kustomization sets
 * `buildMetadata: [originAnnotations]`: an annotation whose value is a small
 * YAML document, `path: ../base/deployment.yaml` (relative to the
 * kustomization's folder), plus `repo:` and `ref:` for a remote base.
 */
export const KUSTOMIZE_ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

const ORIGIN_PATH = /^path:[ \t]*["']?(.+?)["']?[ \t]*\r?$/m;

/** The file a rendered object came from, per its kustomize origin annotation; undefined without one. */
export function kustomizeOrigin(object: unknown): string | undefined {
  const annotations = (object as { metadata?: { annotations?: unknown } } | null)?.metadata?.annotations;
  if (annotations === null || typeof annotations !== 'object') return undefined;
  const value = (annotations as Record<string, unknown>)[KUSTOMIZE_ORIGIN_ANNOTATION];
  if (typeof value !== 'string') return undefined;
  const path = ORIGIN_PATH.exec(value)?.[1];
  return path === undefined || path === '' ? undefined : path;
}
