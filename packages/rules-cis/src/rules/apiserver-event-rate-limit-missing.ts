import { admissionPluginRule } from '../checks/flag-rules.js';

export default admissionPluginRule({
  id: 'apiserver-event-rate-limit-missing',
  description: 'The API server limits the rate at which events are accepted.',
  severity: 'info',
  remediation: 'Add EventRateLimit to --enable-admission-plugins and set --admission-control-config-file to a file with the EventRateLimit limits.',
  plugin: 'EventRateLimit',
  want: 'enabled',
  needsConfigFile: true,
  consequence: 'a flood of events from one client can overload the API server and etcd.',
});
