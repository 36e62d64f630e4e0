// Manifests for the diff-mode tests of the command and of the Action: a
// hardened Deployment, a privileged sidecar a commit adds to it, and a Pod
// that already has findings.
export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            allowPrivilegeEscalation: false
            runAsNonRoot: true
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
            seccompProfile: { type: RuntimeDefault }
`;

/** A second container, hardened (with limits and a pinned image, unlike the first) but privileged. */
export const PRIVILEGED_SIDECAR = `        - name: sidecar
          image: nginx@sha256:${'0'.repeat(64)}
          resources: { limits: { cpu: 100m, memory: 64Mi } }
          securityContext:
            privileged: true
            allowPrivilegeEscalation: false
            runAsNonRoot: true
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
            seccompProfile: { type: RuntimeDefault }
          ports: [{ containerPort: 8080 }]
          livenessProbe: { httpGet: { path: /healthz, port: 8080 } }
          readinessProbe: { httpGet: { path: /ready, port: 8080 } }
`;

export const OTHER = `apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: shop }
spec:
  hostPID: true
  containers: [{ name: shell, image: busybox:1.36 }]
`;
