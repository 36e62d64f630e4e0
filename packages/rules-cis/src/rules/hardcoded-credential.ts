import { defineRule, WORKLOAD_KINDS, isWorkload, type Resource, type RuleContext, isJsonObject, stringField, containerLabel } from '@kubecomply/core';
import { credentialFormat, isCredentialName, isLiteralCredentialValue } from '../checks/credential.js';

function checkContainers(resource: Resource, ctx: RuleContext): void {
  for (const container of ctx.containers(resource)) {
    const who = containerLabel(container);
    const env: unknown = container.value.env;
    if (Array.isArray(env)) {
      env.forEach((entry: unknown, i) => {
        if (!isJsonObject(entry) || (typeof entry['value'] !== 'string' && typeof entry['value'] !== 'number')) return;
        const name = stringField(entry['name']);
        const value = String(entry['value']);
        const path = [...container.path, 'env', i, 'value'];
        const format = credentialFormat(value);
        if (format) {
          ctx.report({ path, message: `${who} sets environment variable "${name}" to a literal value that holds ${format}.`, severity: 'error' });
        } else if (isCredentialName(name) && isLiteralCredentialValue(value)) {
          ctx.report({ path, message: `${who} sets environment variable "${name}", named like a credential, to a literal value.` });
        }
      });
    }
    for (const field of ['command', 'args'] as const) {
      const list: unknown = container.value[field];
      if (!Array.isArray(list)) continue;
      list.forEach((arg: unknown, i) => {
        const format = typeof arg === 'string' ? credentialFormat(arg) : undefined;
        if (format) ctx.report({ path: [...container.path, field, i], message: `${who} has ${format} in ${field} item ${i + 1}.`, severity: 'error' });
      });
    }
  }
}

function checkConfigMap(resource: Resource, ctx: RuleContext): void {
  const data = resource.object['data'];
  if (!isJsonObject(data)) return;
  for (const [key, raw] of Object.entries(data)) {
    if (typeof raw !== 'string') continue;
    const path = ['data', key];
    const format = credentialFormat(raw);
    if (format) {
      ctx.report({ path, message: `Key "${key}" of ConfigMap "${resource.name}" holds ${format}; ConfigMaps are not meant for secrets.`, severity: 'error' });
    } else if (!raw.includes('\n') && isCredentialName(key) && isLiteralCredentialValue(raw)) {
      ctx.report({ path, message: `Key "${key}" of ConfigMap "${resource.name}" is named like a credential and holds a literal value.` });
    }
  }
}

export default defineRule({
  id: 'hardcoded-credential',
  description: 'Manifests carry no literal passwords, tokens or private keys in environment variables, arguments or ConfigMaps.',
  severity: 'warning',
  appliesTo: [...WORKLOAD_KINDS, 'ConfigMap'],
  remediation:
    'Move the value into a Secret (or an external secret store) and reference it; then rotate the credential, since it has been in the manifest and its history.',
  check(resource, ctx) {
    if (isWorkload(resource)) checkContainers(resource, ctx);
    else if (resource.kind === 'ConfigMap' && resource.group === '') checkConfigMap(resource, ctx);
  },
});
