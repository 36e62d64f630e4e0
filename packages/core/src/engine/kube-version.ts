export interface KubeVersion {
  major: number;
  minor: number;
}

/** The newest Kubernetes release whose rules kubecomply knows; the default. */
export const LATEST_KUBE_VERSION: KubeVersion = { major: 1, minor: 36 };
export const OLDEST_KUBE_VERSION: KubeVersion = { major: 1, minor: 22 };

export function parseKubeVersion(text: string): KubeVersion | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

export function compareKubeVersions(a: KubeVersion, b: KubeVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

/** True when `version` is at least `major.minor`. */
export function atLeast(version: KubeVersion, major: number, minor: number): boolean {
  return compareKubeVersions(version, { major, minor }) >= 0;
}

export function formatKubeVersion(v: KubeVersion): string {
  return `${v.major}.${v.minor}`;
}
