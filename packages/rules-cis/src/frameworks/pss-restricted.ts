import { defineFramework } from '@kubecomply/core';
import pssBaseline from './pss-baseline.js';

/**
 * Pod Security Standards, restricted profile: every baseline control plus
 * the restricted checks of pod-security-admission, under its check ids.
 *
 * Where a restricted check replaces a baseline one at admission
 * (OverrideCheckIDs), the control lists every rule whose finding means the
 * restricted check fails: seccomp-unconfined for a profile set to a
 * forbidden type, proc-mount-unmasked for /proc outside a user namespace.
 * Capability and volume rules of the restricted profile cover their baseline
 * counterparts on their own. Findings of rules that are not pod security
 * checks (capability-net-raw, the namespace rules) never count here.
 */
export default defineFramework({
  id: 'pss-restricted',
  version: '1.36',
  followsKubernetes: true,
  title: 'Pod Security Standards: Restricted',
  url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
  controls: [
    ...pssBaseline.controls,
    { id: 'restrictedVolumes', title: 'Only ephemeral, projected and claim-backed volume types', rules: ['restricted-volume-type'] },
    { id: 'allowPrivilegeEscalation', title: 'Privilege escalation is turned off', rules: ['allow-privilege-escalation'] },
    { id: 'runAsNonRoot', title: 'Containers must run as a non-root user', rules: ['run-as-non-root-missing'] },
    { id: 'runAsUser', title: 'No container runs as UID 0', rules: ['run-as-user-zero'], since: '1.23' },
    {
      id: 'seccompProfile_restricted',
      title: 'A RuntimeDefault or Localhost seccomp profile is set',
      rules: ['seccomp-profile-missing', 'seccomp-unconfined'],
    },
    {
      id: 'capabilities_restricted',
      title: 'All capabilities are dropped; only NET_BIND_SERVICE is added back',
      rules: ['capabilities-not-drop-all', 'capabilities-added-beyond-restricted'],
    },
    {
      id: 'procMount_restricted',
      title: 'The default /proc mask is kept, even in a user namespace',
      rules: ['proc-mount-unmasked', 'proc-mount-unmasked-in-user-namespace'],
      since: '1.35',
    },
  ],
});
