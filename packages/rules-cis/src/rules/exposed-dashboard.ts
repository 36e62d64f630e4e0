import {
  containersOf,
  defineRule,
  ingressBackends,
  isIngress,
  isService,
  isWorkload,
  matchesLabelMap,
  parseImage,
  resourceLabel,
  type ContainerRef,
  type JsonPath,
  type Resource,
  type SetContext,
  isJsonObject,
  containerLabel,
} from '@kubecomply/core';

/**
 * Admin web UIs that do not insist on authentication out of the box (the
 * Microsoft threat matrix's "exposed sensitive interfaces"), by image
 * repository. Argo CD, Grafana and the like require a login and are left out.
 */
const UIS: ReadonlyArray<{ name: string; image: RegExp; args?: RegExp }> = [
  { name: 'the Kubernetes Dashboard', image: /(?:^|\/)(?:kubernetesui\/dashboard(?:-web|-api|-auth)?|kubernetes-dashboard[^/]*)$/ },
  { name: 'the Kubeflow central dashboard', image: /(?:^|\/)centraldashboard$/ },
  { name: 'the Argo Workflows server', image: /(?:^|\/)argoproj\/argocli$/, args: /^server$/ },
  { name: 'Weave Scope', image: /(?:^|\/)weaveworks\/scope$/ },
];

/** Labels that the Kubernetes Dashboard's own manifests and chart put on its Service. */
const DASHBOARD_LABELS: ReadonlyArray<readonly [string, RegExp]> = [
  ['k8s-app', /^kubernetes-dashboard$/],
  ['app.kubernetes.io/name', /^kubernetes-dashboard(?:-web)?$/],
];

/** Dashboard flags that turn off its login. */
const UNSAFE_FLAGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^--enable-skip-login(?:=true)?$/, "lets anyone skip the login and act with the dashboard's own service account"],
  [/^--enable-insecure-login(?:=true)?$/, 'accepts logins over plain HTTP'],
];

interface Ui {
  workload: Resource;
  podLabels: Readonly<Record<string, string>>;
  name: string;
}

function argsOf(container: ContainerRef): { value: string; path: JsonPath }[] {
  const out: { value: string; path: JsonPath }[] = [];
  for (const field of ['command', 'args'] as const) {
    const list: unknown = container.value[field];
    if (Array.isArray(list)) list.forEach((v: unknown, i) => typeof v === 'string' && out.push({ value: v.trim(), path: [...container.path, field, i] }));
  }
  return out;
}

function uiOf(workload: Resource, ctx: Pick<SetContext, 'containers'>): string | undefined {
  for (const container of ctx.containers(workload)) {
    const image = typeof container.value.image === 'string' ? parseImage(container.value.image) : undefined;
    if (!image) continue;
    const ui = UIS.find((u) => u.image.test(image.repository.toLowerCase()) && (!u.args || argsOf(container).some((a) => u.args?.test(a.value))));
    if (ui) return ui.name;
  }
  return undefined;
}

function serviceType(service: Resource): { exposure: string; path: JsonPath } | undefined {
  const spec = isJsonObject(service.object['spec']) ? service.object['spec'] : {};
  const type = spec['type'];
  if (type === 'LoadBalancer' || type === 'NodePort') return { exposure: `as a ${type}`, path: ['spec', 'type'] };
  if (Array.isArray(spec['externalIPs']) && spec['externalIPs'].length > 0) return { exposure: 'on external IPs', path: ['spec', 'externalIPs'] };
  return undefined;
}

function isDashboardService(service: Resource): boolean {
  return DASHBOARD_LABELS.some(([key, value]) => value.test(service.labels[key] ?? ''));
}

export default defineRule({
  id: 'exposed-dashboard',
  description: 'Cluster admin UIs (Kubernetes Dashboard, Kubeflow, Argo Workflows, Weave Scope) are not exposed outside the cluster and keep their login.',
  severity: 'error',
  remediation:
    'Keep the UI behind a ClusterIP Service and reach it with kubectl port-forward or an authenticating proxy (OAuth2 Proxy, an identity-aware load balancer); remove --enable-skip-login and --enable-insecure-login.',
  scope: 'set',
  kinds: ['workloads', 'Service', 'Ingress'],
  retain: (resource) => !isWorkload(resource) || uiOf(resource, { containers: containersOf }) !== undefined,
  check(set, ctx) {
    const uis: Ui[] = [];
    for (const summary of set.all) {
      const workload = summary.resource;
      if (!workload || !isWorkload(workload)) continue;
      const name = uiOf(workload, ctx);
      if (!name) continue;
      uis.push({ workload, podLabels: summary.podLabels ?? {}, name });
      if (name !== 'the Kubernetes Dashboard') continue;
      for (const container of ctx.containers(workload)) {
        for (const arg of argsOf(container)) {
          const flag = UNSAFE_FLAGS.find(([pattern]) => pattern.test(arg.value));
          if (flag)
            ctx.report({
              resource: workload,
              path: arg.path,
              message: `${containerLabel(container)} runs the Kubernetes Dashboard with ${arg.value}, which ${flag[1]}.`,
            });
        }
      }
    }
    const same = (a: { namespace?: string }, b: { namespace?: string }) => (a.namespace ?? '') === (b.namespace ?? '');
    /** What a Service fronts: a UI workload it selects, or the dashboard by its labels. */
    const fronts = (service: Resource): string | undefined => {
      const spec = isJsonObject(service.object['spec']) ? service.object['spec'] : {};
      const selector = isJsonObject(spec['selector']) ? spec['selector'] : undefined;
      const ui = uis.find((u) => same(u.workload, service) && matchesLabelMap(selector, u.podLabels));
      if (ui) return `${ui.name} (${resourceLabel(ui.workload)})`;
      return isDashboardService(service) ? 'the Kubernetes Dashboard' : undefined;
    };
    const services = set.ofKind('Service').filter(isService);
    const uiServices = new Map<Resource, string>();
    for (const service of services) {
      const what = fronts(service);
      if (!what) continue;
      uiServices.set(service, what);
      const exposed = serviceType(service);
      if (exposed) {
        ctx.report({
          resource: service,
          path: exposed.path,
          message: `Service "${service.name}" exposes ${what} outside the cluster ${exposed.exposure}; admin UIs are not built to face untrusted networks.`,
        });
      }
    }
    for (const ingress of set.ofKind('Ingress')) {
      if (!isIngress(ingress)) continue;
      for (const backend of ingressBackends(ingress)) {
        const service = [...uiServices.keys()].find((s) => s.name === backend.service && same(s, ingress));
        const what = service ? uiServices.get(service) : backend.service === 'kubernetes-dashboard' ? 'the Kubernetes Dashboard' : undefined;
        if (!what) continue;
        ctx.report({
          resource: ingress,
          path: backend.path,
          message: `Ingress "${ingress.name}" routes to Service "${backend.service}", which serves ${what}; admin UIs are not built to face untrusted networks.`,
        });
      }
    }
  },
});
