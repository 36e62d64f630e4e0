import { defineFramework } from '@kubecomply/core';

/**
 * Pod Security Standards, baseline profile. Control ids are the check ids of
 * Kubernetes' pod-security-admission, which is the reference implementation.
 */
export default defineFramework({
  id: 'pss-baseline',
  version: '1.36',
  followsKubernetes: true,
  title: 'Pod Security Standards: Baseline',
  url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  controls: [
    { id: 'windowsHostProcess', title: 'No Windows HostProcess containers', rules: ['windows-host-process'] },
    { id: 'hostNamespaces', title: 'No sharing of host namespaces', rules: ['host-network', 'host-pid', 'host-ipc'] },
    { id: 'privileged', title: 'No privileged containers', rules: ['privileged-container'] },
    { id: 'capabilities_baseline', title: 'Only the default capabilities may be added', rules: ['capabilities-added-beyond-baseline'] },
    { id: 'hostPathVolumes', title: 'No hostPath volumes', rules: ['host-path-volume'] },
    { id: 'hostPorts', title: 'No host ports', rules: ['host-port'] },
    { id: 'appArmorProfile', title: 'AppArmor is not turned off', rules: ['apparmor-unconfined'] },
    { id: 'seLinuxOptions', title: 'No custom SELinux user, role or type', rules: ['selinux-options-custom'] },
    { id: 'procMount', title: 'The default /proc mask is kept', rules: ['proc-mount-unmasked'] },
    { id: 'seccompProfile_baseline', title: 'Seccomp is not turned off', rules: ['seccomp-unconfined'] },
    { id: 'sysctls', title: 'Only safe sysctls are set', rules: ['unsafe-sysctl'] },
    { id: 'hostProbesAndHostLifecycle', title: 'Probes and lifecycle hooks do not target another host', rules: ['probe-or-lifecycle-host-set'], since: '1.34' },
  ],
});
