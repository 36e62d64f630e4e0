import { admissionPluginRule } from '../checks/flag-rules.js';

export default admissionPluginRule({
  id: 'apiserver-deny-service-external-ips-missing',
  description: 'The API server rejects new Services that set spec.externalIPs.',
  severity: 'warning',
  remediation: 'Add DenyServiceExternalIPs to --enable-admission-plugins on kube-apiserver.',
  plugin: 'DenyServiceExternalIPs',
  want: 'enabled',
  consequence: 'any user who may create or update a Service can set spec.externalIPs and capture traffic sent to those addresses (CVE-2020-8554).',
});
