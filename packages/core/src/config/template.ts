/** What `kubecomply init` writes: a valid, commented starting config. */
export const CONFIG_TEMPLATE = `# yaml-language-server: $schema=node_modules/@kubecomply/core/schema/kubecomply-config.schema.json
#
# kubecomply configuration. Every setting is optional; command-line flags
# override them. Globs are relative to this file's directory.

# Frameworks to check against (default: all), e.g. pss-baseline.
# frameworks: [pss-baseline]

# Rule packages of your own: npm names (resolved from this folder) or paths.
# plugins: ["@acme/kubecomply-rules"]

# The Kubernetes version the manifests target, in quotes (default: the newest known).
# kubernetesVersion: "1.30"

# Exit with 1 on findings at or above: error, warning, info, or none.
failOn: error

# Severity per rule id: off, info, warning or error.
rules: {}
#  host-port: warning

# Files never read.
ignore: []
#  - charts/**/templates/**

# Severities for some files or resources; later entries win.
overrides: []
#  - files: ["environments/dev/**"]
#    resources: [{ kind: Deployment, namespace: "dev-*" }]
#    rules: { host-port: "off" }

# Findings accepted on purpose: a reason is required, an expiry (YYYY-MM-DD) optional.
# A single resource can also say so itself, with an annotation:
#   ignore.kubecomply.io/host-pid: "node-exporter reads host process metrics; expires=2026-12-31"
suppressions: []
#  - rule: host-pid
#    resources: [{ kind: DaemonSet, namespace: monitoring, name: node-exporter }]
#    reason: node-exporter reads host process metrics
#    expires: "2026-12-31"
`;
