import { posix } from 'node:path';
import { containersOf, defineRule, WORKLOAD_KINDS, type Resource } from '@kubecomply/core';
import { invocations, setting, subjectOf, type Invocation } from '../checks/component-flags.js';

interface Located {
  resource: Resource;
  invocation: Invocation;
}

/**
 * CIS 2.7 wants etcd to trust its own CA, not the one that signs the
 * cluster's client certificates: otherwise every client certificate of the
 * cluster (each kubelet's, each admin's) is also accepted by etcd. Files can
 * only be compared by path, so the same path is a finding and different paths
 * are not proof of different CAs.
 */
export default defineRule({
  id: 'etcd-ca-shared-with-apiserver',
  description: "etcd trusts a CA of its own, not the CA that signs the API server's client certificates.",
  severity: 'info',
  remediation:
    "Create a CA for etcd only (kubeadm uses /etc/kubernetes/pki/etcd/ca.crt), point etcd's --trusted-ca-file at it and issue the API server's etcd client certificate from it.",
  scope: 'set',
  kinds: ['workloads'],
  retain: (resource) =>
    invocations(resource, { containers: containersOf }, 'kube-apiserver').length > 0 || invocations(resource, { containers: containersOf }, 'etcd').length > 0,
  check(set, ctx) {
    const apiservers: Located[] = [];
    const etcds: Located[] = [];
    for (const kind of WORKLOAD_KINDS) {
      for (const resource of set.ofKind(kind)) {
        for (const invocation of invocations(resource, ctx, 'kube-apiserver')) apiservers.push({ resource, invocation });
        for (const invocation of invocations(resource, ctx, 'etcd')) etcds.push({ resource, invocation });
      }
    }
    for (const etcd of etcds) {
      const trusted = setting(etcd.invocation, 'trusted-ca-file');
      if (trusted.state === 'unset') {
        ctx.report({
          resource: etcd.resource,
          path: etcd.invocation.missingPath,
          message: `${subjectOf(etcd.invocation)} does not set --trusted-ca-file, so it has no CA of its own for client certificates.`,
        });
        continue;
      }
      if (trusted.state !== 'set') continue;
      const file = posix.normalize((trusted.flag.value ?? '').trim());
      for (const api of apiservers) {
        const clientCA = setting(api.invocation, 'client-ca-file');
        if (clientCA.state !== 'set' || posix.normalize((clientCA.flag.value ?? '').trim()) !== file) continue;
        ctx.report({
          resource: etcd.resource,
          path: trusted.flag.path,
          message: `${subjectOf(etcd.invocation)} trusts ${file}, the same file kube-apiserver uses as --client-ca-file, so every client certificate of the cluster is also accepted by etcd.`,
          related: [{ resource: api.resource, path: clientCA.flag.path, message: "The API server's client CA." }],
        });
      }
    }
  },
});
