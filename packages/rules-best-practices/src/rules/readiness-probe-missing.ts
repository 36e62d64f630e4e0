import { probeMissingRule } from '../checks/probes.js';

export default probeMissingRule({
  id: 'readiness-probe-missing',
  field: 'readinessProbe',
  description: 'Long-running containers have a readiness probe, so traffic reaches only pods that can serve it.',
  remediation: 'Add a readinessProbe that succeeds only once the container can answer requests.',
  consequence: 'Services send it traffic as soon as it starts and keep sending while it cannot answer',
});
