import type { ContainerRef } from '@kubecomply/core';

/** 'Container "api"', 'Init container "migrate"', 'Ephemeral container "debugger"'. */
export function containerLabel(container: ContainerRef): string {
  const kind = container.kind === 'container' ? 'Container' : container.kind === 'initContainer' ? 'Init container' : 'Ephemeral container';
  return `${kind} "${String(container.value.name ?? '')}"`;
}
