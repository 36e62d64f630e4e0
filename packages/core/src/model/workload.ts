import { isJsonObject } from '../base/json.js';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IEphemeralContainer } from 'kubernetes-models/v1/EphemeralContainer';
import type { IObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
import type { JsonPath } from '../base/types.js';
import type { Resource } from './resource.js';

/** A Kubernetes pod spec. */
export type PodSpec = IPodSpec;
/** A container, init container or ephemeral container spec. */
export type Container = IContainer | IEphemeralContainer;
/** Which list of the pod spec a container is in. */
export type ContainerKind = 'container' | 'initContainer' | 'ephemeralContainer';

/** Where each kind that runs pods keeps its pod template, relative to the object. */
const POD_TEMPLATE_PATHS: Readonly<Record<string, JsonPath>> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The kinds a workload accessor understands. */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_TEMPLATE_PATHS);

/** Whether a resource runs pods: a Pod, or a kind with a pod template (Deployment, CronJob, ...). */
export function isWorkload(resource: Pick<Resource, 'kind'>): boolean {
  return Object.hasOwn(POD_TEMPLATE_PATHS, resource.kind);
}

/** The pod spec of a Pod or of a controller's pod template, with its JSON path and the pod template's metadata. */
export interface PodSpecRef {
  value: PodSpec;
  /** Path of the pod spec inside the resource's object. */
  path: JsonPath;
  /** Metadata of the pod (the template's, for controllers). */
  metadata: IObjectMeta;
  metadataPath: JsonPath;
}

/** A container of a workload with its JSON path from the resource and what kind of container it is. */
export interface ContainerRef {
  value: Container;
  /** Path of the container inside the resource's object. */
  path: JsonPath;
  kind: ContainerKind;
}

function getIn(value: unknown, path: JsonPath): unknown {
  let v = value;
  for (const segment of path) {
    if (!isJsonObject(v)) return undefined;
    v = v[segment as string];
  }
  return v;
}

/** The pod spec of a Pod or of any controller's pod template, with its path. */
export function podSpecOf(resource: Resource): PodSpecRef | undefined {
  const templatePath = POD_TEMPLATE_PATHS[resource.kind];
  if (!templatePath) return undefined;
  const template = getIn(resource.object, templatePath);
  if (!isJsonObject(template)) return undefined;
  const spec = template['spec'];
  if (!isJsonObject(spec)) return undefined;
  const metadata = isJsonObject(template['metadata']) ? (template['metadata'] as IObjectMeta) : {};
  return {
    value: spec as unknown as PodSpec,
    path: [...templatePath, 'spec'],
    metadata,
    metadataPath: [...templatePath, 'metadata'],
  };
}

const CONTAINER_LISTS: ReadonlyArray<readonly [string, ContainerKind]> = [
  ['initContainers', 'initContainer'],
  ['containers', 'container'],
  ['ephemeralContainers', 'ephemeralContainer'],
];

/** Every container of a workload: init containers, containers and ephemeral containers. */
export function containersOf(resource: Resource): ContainerRef[] {
  const pod = podSpecOf(resource);
  if (!pod) return [];
  const out: ContainerRef[] = [];
  const spec = pod.value as unknown as Record<string, unknown>;
  for (const [field, kind] of CONTAINER_LISTS) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((value, index) => {
      if (isJsonObject(value)) out.push({ value: value as unknown as Container, path: [...pod.path, field, index], kind });
    });
  }
  return out;
}

const CONTAINER_NOUNS: Readonly<Record<ContainerKind, string>> = {
  container: 'Container',
  initContainer: 'Init container',
  ephemeralContainer: 'Ephemeral container',
};

/** How messages name a container: 'Container "app"', 'Init container "setup"' or 'Ephemeral container "debug"'. */
export function containerLabel(container: Pick<ContainerRef, 'kind' | 'value'>): string {
  return `${CONTAINER_NOUNS[container.kind]} "${String(container.value.name ?? '')}"`;
}

/** A port a container binds on its node (`hostPort`, non-zero). */
export interface HostPortRef {
  container: ContainerRef;
  port: number;
  /** Path of the `hostPort` field from the resource. */
  path: JsonPath;
}

/** Every host port the given containers bind, in container and port order. */
export function hostPortsOf(containers: readonly ContainerRef[]): HostPortRef[] {
  const out: HostPortRef[] = [];
  for (const container of containers) {
    const ports: unknown = container.value.ports;
    if (!Array.isArray(ports)) continue;
    ports.forEach((port: unknown, index) => {
      if (!isJsonObject(port)) return;
      const hostPort = port['hostPort'];
      if (typeof hostPort === 'number' && hostPort !== 0) out.push({ container, port: hostPort, path: [...container.path, 'ports', index, 'hostPort'] });
    });
  }
  return out;
}
