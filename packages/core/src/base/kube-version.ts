/** A Kubernetes minor version, e.g. `{ major: 1, minor: 30 }`. */
export interface KubeVersion {
  major: number;
  minor: number;
}

/** The newest Kubernetes release whose rules kubecomply knows; the default. */
export const LATEST_KUBE_VERSION: KubeVersion = { major: 1, minor: 36 };
/** The oldest Kubernetes version `--kube-version` accepts. */
export const OLDEST_KUBE_VERSION: KubeVersion = { major: 1, minor: 22 };

/** Reads `1.30` (or `v1.30`, `1.30.2`) as a Kubernetes version; undefined when it is not one. */
export function parseKubeVersion(text: string): KubeVersion | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

/** Orders two Kubernetes versions: negative when `a` is older, 0 when equal, positive when newer. */
export function compareKubeVersions(a: KubeVersion, b: KubeVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

/** True when `version` is at least `major.minor`. */
export function atLeast(version: KubeVersion, major: number, minor: number): boolean {
  return compareKubeVersions(version, { major, minor }) >= 0;
}

/** A Kubernetes version as written on the command line: `1.30`. */
export function formatKubeVersion(v: KubeVersion): string {
  return `${v.major}.${v.minor}`;
}
