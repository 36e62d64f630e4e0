import { schemaProblemRule } from '../schema/schema-rule.js';

export default schemaProblemRule({
  id: 'unknown-field',
  description: 'Every field of a resource exists in the schema of its kind for the target Kubernetes release (or in its CRD).',
  severity: 'error',
  remediation:
    'Fix the spelling or the indentation of the field (the message suggests the nearest known name), or remove it; a field added in a later release needs a newer --kube-version target.',
});
