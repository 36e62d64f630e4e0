import { schemaProblemRule } from '../schema/schema-rule.js';

export default schemaProblemRule({
  id: 'missing-required-field',
  description: 'Every field that the schema of a kind requires is set.',
  severity: 'error',
  remediation: 'Add the field the message names at the place it names; the API server rejects the object without it.',
});
