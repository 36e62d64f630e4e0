// Writes the benchmark corpora, deterministic for a given seed: the synthetic
// one (10,000 realistic Deployments, about 20 MB, in one multi-document file),
// the findings-heavy one (every workload unhardened, written in YAML flow
// style) and the scaling corpora (the same Deployments in one file or spread
// over many).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const teams = ['payments', 'search', 'catalog', 'checkout', 'identity', 'billing', 'ledger', 'notify'];
const images = ['nginx', 'redis', 'envoy', 'app', 'worker', 'api', 'gateway', 'cron'];

export function deployment(i, random) {
  const team = teams[Math.floor(random() * teams.length)];
  const name = `${team}-svc-${i}`;
  const img = images[Math.floor(random() * images.length)];
  const hardened = random() < 0.5;
  const privileged = random() < 0.1;
  const hostNet = random() < 0.05;
  // Zero to two variables, as in most charts; no env block when there are none.
  const vars = Array.from(
    { length: Math.floor(random() * 3) },
    (_, k) => `            - name: ${team.toUpperCase()}_SETTING_${k}\n              value: "value-${(random() * 1e6) | 0}"\n`,
  ).join('');
  const env = vars && `          env:\n${vars}`;
  const sc = hardened
    ? `          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            runAsNonRoot: true
            capabilities:
              drop: ["ALL"]`
    : `          securityContext:
            privileged: ${privileged}
            capabilities:
              add: [${random() < 0.3 ? 'NET_ADMIN' : 'CHOWN'}]`;
  return `---
# Source: ${team}/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${team}
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/part-of: ${team}
    app.kubernetes.io/version: "1.${i % 40}.${i % 7}"
spec:
  replicas: ${1 + (i % 5)}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  strategy:
    type: RollingUpdate
    rollingUpdate: { maxSurge: 25%, maxUnavailable: 0 }
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
        app.kubernetes.io/part-of: ${team}
    spec:
      serviceAccountName: ${name}
      hostNetwork: ${hostNet}
      terminationGracePeriodSeconds: 30
      containers:
        - name: ${img}
          image: registry.example.com/${team}/${img}:1.${i % 30}.${i % 11}
          imagePullPolicy: IfNotPresent
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            - name: metrics
              containerPort: 9090
              protocol: TCP
${env}          resources:
            requests:
              cpu: ${50 + (i % 10) * 10}m
              memory: ${64 + (i % 8) * 32}Mi
            limits:
              cpu: "1"
              memory: 512Mi
          livenessProbe:
            httpGet: { path: /healthz, port: http }
            initialDelaySeconds: 10
            periodSeconds: 10
          readinessProbe:
            httpGet: { path: /ready, port: http }
            periodSeconds: 5
${sc}
          volumeMounts:
            - name: config
              mountPath: /etc/${team}
              readOnly: true
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: config
          configMap:
            name: ${name}-config
        - name: tmp
          emptyDir: {}
`;
}

/**
 * The realistic Deployment above left unhardened (no security context, no
 * resources, a mutable tag, the default service account) and written in YAML
 * flow style, one line per document. Each gives about eleven findings, so the
 * run is decided by the cost per finding rather than by the parse.
 */
export function unhardenedDeployment(i, random) {
  const team = teams[Math.floor(random() * teams.length)];
  const name = `${team}-open-${i}`;
  const img = images[Math.floor(random() * images.length)];
  const vars = Array.from(
    { length: Math.floor(random() * 3) },
    (_, k) => `{name: ${team.toUpperCase()}_SETTING_${k}, value: "value-${(random() * 1e6) | 0}"}`,
  ).join(', ');
  return `---
# Source: ${team}/templates/deployment.yaml
{apiVersion: apps/v1, kind: Deployment, metadata: {name: ${name}, namespace: ${team}, labels: {app.kubernetes.io/name: ${name}, \
app.kubernetes.io/part-of: ${team}, app.kubernetes.io/version: "1.${i % 40}.${i % 7}"}}, spec: {replicas: ${1 + (i % 5)}, \
revisionHistoryLimit: 5, selector: {matchLabels: {app.kubernetes.io/name: ${name}}}, strategy: {type: RollingUpdate, \
rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}}, template: {metadata: {labels: {app.kubernetes.io/name: ${name}, \
app.kubernetes.io/part-of: ${team}}}, spec: {terminationGracePeriodSeconds: 30, containers: [{name: ${img}, \
image: "registry.example.com/${team}/${img}:latest", imagePullPolicy: Always, ports: [{name: http, containerPort: 8080, protocol: TCP}, \
{name: metrics, containerPort: 9090, protocol: TCP}], env: [${vars}], livenessProbe: {httpGet: {path: /healthz, port: http}, \
initialDelaySeconds: 10, periodSeconds: 10}, readinessProbe: {httpGet: {path: /ready, port: http}, periodSeconds: 5}, \
volumeMounts: [{name: config, mountPath: /etc/${team}, readOnly: true}, {name: tmp, mountPath: /tmp}]}], \
volumes: [{name: config, configMap: {name: ${name}-config}}, {name: tmp, emptyDir: {}}]}}}}
`.replace(/ \\\n/g, ' ');
}

export function generateFindingsHeavy(dir, count = 10_000, seed = 7) {
  const random = rng(seed);
  const parts = [];
  for (let i = 0; i < count; i++) parts.push(unhardenedDeployment(i, random));
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'unhardened.yaml');
  writeFileSync(file, parts.join(''));
  return file;
}

/**
 * `count` realistic Deployments for the scaling table: in one file, or in
 * files of `perFile` Deployments each (the same documents, same order).
 */
export function generateScaling(dir, count, { perFile = count, seed = 42 } = {}) {
  const random = rng(seed);
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (let start = 0; start < count; start += perFile) {
    const parts = [];
    for (let i = start; i < Math.min(count, start + perFile); i++) parts.push(deployment(i, random));
    const file = path.join(dir, perFile === count ? 'deployments.yaml' : `deployments-${String(start / perFile).padStart(6, '0')}.yaml`);
    writeFileSync(file, parts.join(''));
    files.push(file);
  }
  return files;
}

export function generate(dir, count = 10_000, seed = 42) {
  const random = rng(seed);
  const parts = [];
  for (let i = 0; i < count; i++) parts.push(deployment(i, random));
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'deployments.yaml');
  writeFileSync(file, parts.join(''));
  return file;
}

// The same Deployments (same seed, same bytes) in `files` files of equal
// count, as a large repository holds them: the corpus sharding splits.
export function generateSplit(dir, files = 100, count = 10_000, seed = 42) {
  const random = rng(seed);
  const per = Math.ceil(count / files);
  mkdirSync(dir, { recursive: true });
  for (let f = 0; f < files; f++) {
    const parts = [];
    for (let i = f * per; i < Math.min(count, (f + 1) * per); i++) parts.push(deployment(i, random));
    writeFileSync(path.join(dir, `deployments-${String(f).padStart(3, '0')}.yaml`), parts.join(''));
  }
  return dir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const which = process.argv[3] ?? 'synthetic';
  const file = which === 'findings-heavy' ? generateFindingsHeavy(process.argv[2] ?? '.bench/findings-heavy') : generate(process.argv[2] ?? '.bench/synthetic');
  console.log(file);
}
