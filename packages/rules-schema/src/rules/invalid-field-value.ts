import { schemaProblemRule } from '../schema/schema-rule.js';

export default schemaProblemRule({
  id: 'invalid-field-value',
  description: 'Every field value has the type, format and allowed value the schema of its kind asks for.',
  severity: 'error',
  remediation:
    'Write the value in the type the message names: quote strings that YAML reads as numbers or booleans, write quantities as 500m or 128Mi, and pick one of the listed values for enumerations.',
});
