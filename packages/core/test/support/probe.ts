import { definePlugin, defineRule, type JsonPath, type Plugin, type Resource } from '@kubecomply/core';

/**
 * A plugin with one rule, `probe`, that reports the given paths (relative to
 * the resource) on every resource of every kind, and lets a test see each
 * resource's decoded object.
 */
export function probe(paths: readonly JsonPath[] = [[]], seen?: (resource: Resource) => void): Plugin {
  return definePlugin({
    name: 'probe',
    frameworks: [],
    rules: [
      defineRule({
        id: 'probe',
        description: 'Reports the paths it is given.',
        remediation: 'None.',
        severity: 'info',
        appliesTo: 'all',
        check(resource, ctx) {
          seen?.(resource);
          for (const p of paths) ctx.report({ path: p, message: JSON.stringify(p) });
        },
      }),
    ],
  });
}
