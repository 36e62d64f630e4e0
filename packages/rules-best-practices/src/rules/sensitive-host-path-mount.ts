import { defineRule, isJsonObject } from '@kubecomply/core';

/**
 * Host directories whose contents control the node: its boot files,
 * devices, configuration (credentials included), libraries, kernel
 * interfaces, binaries, the kubelet's and etcd's state and root's home.
 * The container runtime sockets are container-runtime-socket-mount's.
 */
const SENSITIVE = [
  '/',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib64',
  '/proc',
  '/sys',
  '/usr',
  '/bin',
  '/sbin',
  '/root',
  '/var/lib/kubelet',
  '/var/lib/etcd',
  '/etc/kubernetes',
];

/** The path without trailing slashes and with `.` segments resolved away ("/etc/" -> "/etc"). */
function normalise(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export default defineRule({
  id: 'sensitive-host-path-mount',
  description: "Pods do not mount the node's system directories (/, /etc, /proc, /sys, /var/lib/kubelet and the like).",
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Remove the hostPath volume; read node facts through the Downward API or a purpose-built agent, and mount only the specific file a node agent needs, read-only.',
  check(resource, ctx) {
    const pod = ctx.podSpec(resource);
    const volumes: unknown = pod?.value.volumes;
    if (!pod || !Array.isArray(volumes)) return;
    volumes.forEach((volume, i) => {
      if (!isJsonObject(volume) || !isJsonObject(volume['hostPath'])) return;
      const raw = volume['hostPath']['path'];
      if (typeof raw !== 'string' || !raw.startsWith('/')) return;
      const path = normalise(raw);
      if (!SENSITIVE.includes(path)) return;
      const name = volume['name'];
      const mounts = ctx
        .containers(resource)
        .flatMap((c) => (Array.isArray(c.value.volumeMounts) ? c.value.volumeMounts : []))
        .filter((m) => isJsonObject(m) && m['name'] === name) as unknown as Array<Record<string, unknown>>;
      // Read-only everywhere it is mounted: the node's secrets are still readable, but its files cannot be changed.
      const readOnly = mounts.length > 0 && mounts.every((m) => m['readOnly'] === true);
      ctx.report({
        ...(readOnly ? { severity: 'warning' as const } : {}),
        path: [...pod.path, 'volumes', i, 'hostPath', 'path'],
        message: `Volume "${String(volume['name'] ?? '')}" mounts the node's ${path === '/' ? 'root file system' : path} into the pod; whoever controls the container can read ${path === '/proc' || path === '/sys' ? 'kernel and process state of the node' : readOnly ? "the node's system files and credentials" : "or change the node's system files"} from there.`,
      });
    });
  },
});
