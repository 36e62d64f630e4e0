import type { ControlRef } from '../base/types.js';

/** `pss-baseline 1.36 procMount`: framework, version, control id. */
export function controlLabel(control: ControlRef): string {
  return `${control.framework} ${control.version} ${control.id}`;
}
