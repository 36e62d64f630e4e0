import { defineRule } from '@kubecomply/core';
import { hostPathVolumes } from '../checks/host-path.js';

/** Container runtime API sockets on a node, by the runtime that serves them. */
const SOCKETS: ReadonlyArray<readonly [string, string]> = [
  ['/var/run/docker.sock', 'Docker'],
  ['/run/docker.sock', 'Docker'],
  ['/var/run/containerd/containerd.sock', 'containerd'],
  ['/run/containerd/containerd.sock', 'containerd'],
  ['/run/k3s/containerd/containerd.sock', 'containerd'],
  ['/var/snap/microk8s/common/run/containerd.sock', 'containerd'],
  ['/var/run/crio/crio.sock', 'CRI-O'],
  ['/run/crio/crio.sock', 'CRI-O'],
  ['/var/run/cri-dockerd.sock', 'cri-dockerd'],
  ['/run/cri-dockerd.sock', 'cri-dockerd'],
  ['/var/run/dockershim.sock', 'dockershim'],
  ['/var/run/podman/podman.sock', 'Podman'],
  ['/run/podman/podman.sock', 'Podman'],
];

/**
 * What a node path exposes: the socket itself, or a run directory that
 * holds sockets. Mounts of / and /var expose them too; host-path-volume and
 * writable-host-path report those whole-host mounts.
 */
function exposed(hostPath: string): string[] {
  const exact = SOCKETS.filter(([socket]) => socket === hostPath);
  if (exact.length > 0) return exact.map(([, runtime]) => runtime);
  if (hostPath === '/' || hostPath === '/var' || hostPath === '') return [];
  return [...new Set(SOCKETS.filter(([socket]) => socket.startsWith(`${hostPath}/`)).map(([, runtime]) => runtime))];
}

export default defineRule({
  id: 'container-runtime-socket-mount',
  description: 'Pods do not mount the container runtime socket (Docker, containerd, CRI-O) of their node.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Remove the hostPath volume. Build images with a daemonless builder (BuildKit rootless, kaniko, buildah) and read container metadata through the Kubernetes API or the kubelet instead.',
  check(resource, ctx) {
    for (const volume of hostPathVolumes(resource, ctx)) {
      const runtimes = exposed(volume.hostPath);
      if (runtimes.length === 0) continue;
      const socket = runtimes.length === 1 ? `the ${runtimes[0]} socket` : `the ${runtimes.join(' and ')} sockets`;
      const where = SOCKETS.some(([s]) => s === volume.hostPath) ? `(${volume.hostPath})` : `(in ${volume.hostPath})`;
      const names = [...new Set(volume.mounts.map((m) => `"${String(m.container.value.name ?? '')}"`))];
      const mounted = names.length > 0 ? ` into container${names.length > 1 ? 's' : ''} ${names.join(', ')}` : '';
      ctx.report({
        path: [...volume.path, 'path'],
        message:
          `Volume "${volume.name}" mounts ${socket} ${where} of the node${mounted}; whoever can talk to it can start privileged containers ` +
          'on the node, and readOnly: true does not stop that.',
      });
    }
  },
});
