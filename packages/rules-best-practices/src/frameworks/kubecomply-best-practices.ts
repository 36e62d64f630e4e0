import { defineFramework } from '@kubecomply/core';

/**
 * Reliability and hygiene practices that no published security framework
 * numbers, grouped into controls of our own. Each rule of this package that
 * evidences a control of NSA/CISA, CIS, NIST SP 800-190 or MITRE ATT&CK is
 * mapped there too (packages/rules-cis/src/frameworks/); this catalog holds
 * every rule of the package, so a run limited to it is the best-practice
 * check list that Polaris, kube-score and kube-linter users expect.
 */
export default defineFramework({
  id: 'kubecomply-best-practices',
  version: '1.0',
  title: 'kubecomply best practices',
  controls: [
    {
      id: 'BP-HEALTH',
      title: 'Containers report their health',
      rules: ['liveness-probe-missing', 'readiness-probe-missing', 'probe-port-not-exposed', 'liveness-readiness-probe-identical'],
    },
    { id: 'BP-RESOURCES', title: 'Containers request the resources they need', rules: ['missing-resource-requests'] },
    {
      id: 'BP-AVAILABILITY',
      title: 'Workloads survive the loss of a pod or a node',
      rules: [
        'deployment-single-replica',
        'replicas-without-spread',
        'workload-without-pdb',
        'pdb-blocks-all-disruptions',
        'pdb-without-budget',
        'pdb-unhealthy-pod-eviction-policy-unset',
        'hpa-min-replicas-below-two',
        'hpa-max-not-above-min',
        'replicas-set-with-hpa',
        'deployment-not-rolling-update',
        'priority-class-not-set',
      ],
    },
    {
      id: 'BP-REFERENCES',
      title: 'References between objects resolve',
      rules: [
        'service-selects-nothing',
        'ingress-backend-service-missing',
        'hpa-target-missing',
        'networkpolicy-selects-nothing',
        'service-account-not-found',
        'config-reference-not-found',
        'selector-does-not-match-template',
        'statefulset-service-missing',
      ],
    },
    {
      id: 'BP-VALID',
      title: 'Manifests are valid for the API server',
      rules: ['invalid-label-value', 'port-name-invalid', 'restart-policy-invalid', 'duplicate-env-var', 'deprecated-service-account-field'],
    },
    {
      id: 'BP-JOBS',
      title: 'Jobs and CronJobs clean up and do not pile up',
      rules: ['job-without-ttl', 'cronjob-without-starting-deadline', 'cronjob-without-concurrency-policy'],
    },
    {
      id: 'BP-HARDENING',
      title: 'Workloads are hardened beyond the Pod Security Standards',
      rules: [
        'run-as-group-zero',
        'sensitive-host-path-mount',
        'image-pull-policy-not-always',
        'privileged-port',
        'service-type-nodeport',
        'workload-not-isolated-by-networkpolicy',
      ],
    },
  ],
});
