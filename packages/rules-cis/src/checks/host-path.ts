import { type ContainerRef, type JsonPath, type Resource, type RuleContext, type SetContext, isJsonObject, stringField } from '@kubecomply/core';

/** A container's mount of a hostPath volume. */
export interface HostPathMount {
  container: ContainerRef;
  /** Path of the volumeMount inside the resource's object. */
  path: JsonPath;
  mountPath: string;
  readOnly: boolean;
}

/** A hostPath volume of a pod and every container mount of it. */
export interface HostPathVolume {
  name: string;
  /** The node path, normalised: no repeated or trailing slashes. */
  hostPath: string;
  /** Path of the volume's `hostPath` field inside the resource's object. */
  path: JsonPath;
  mounts: HostPathMount[];
}

/** `/var//run/` -> `/var/run`. */
export function normalizeHostPath(path: string): string {
  const collapsed = path.trim().replace(/\/{2,}/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/+$/, '') : collapsed;
}

/** The hostPath volumes of a workload's pod spec, with the containers that mount them. */
export function hostPathVolumes(resource: Resource, ctx: Pick<RuleContext | SetContext, 'podSpec' | 'containers'>): HostPathVolume[] {
  const pod = ctx.podSpec(resource);
  const volumes: unknown = pod?.value.volumes;
  if (!pod || !Array.isArray(volumes)) return [];
  const out: HostPathVolume[] = [];
  volumes.forEach((volume: unknown, index) => {
    if (!isJsonObject(volume)) return;
    const hostPath = volume['hostPath'];
    if (!isJsonObject(hostPath)) return;
    const name = stringField(volume['name']);
    const mounts: HostPathMount[] = [];
    for (const container of ctx.containers(resource)) {
      const list: unknown = container.value.volumeMounts;
      if (!Array.isArray(list)) continue;
      list.forEach((mount: unknown, i) => {
        if (!isJsonObject(mount) || stringField(mount['name']) !== name) return;
        mounts.push({
          container,
          path: [...container.path, 'volumeMounts', i],
          mountPath: stringField(mount['mountPath']),
          readOnly: mount['readOnly'] === true,
        });
      });
    }
    out.push({ name, hostPath: normalizeHostPath(stringField(hostPath['path'])), path: [...pod.path, 'volumes', index, 'hostPath'], mounts });
  });
  return out;
}
