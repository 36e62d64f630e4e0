import type { Rule } from '@kubecomply/core';
import hostIpc from './host-ipc.js';
import hostNetwork from './host-network.js';
import hostPid from './host-pid.js';
import privilegedContainer from './privileged-container.js';

/** Every rule of the package; a test checks that each file in this folder is listed. */
export const rules: readonly Rule[] = [hostIpc, hostNetwork, hostPid, privilegedContainer];
