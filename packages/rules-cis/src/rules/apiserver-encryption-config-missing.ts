import { requiredFlagsRule } from '../checks/flag-rules.js';

export default requiredFlagsRule({
  id: 'apiserver-encryption-config-missing',
  description: 'The API server encrypts Secrets before storing them in etcd.',
  severity: 'warning',
  remediation:
    'Write an EncryptionConfiguration that encrypts secrets with aescbc, secretbox or kms, and set --encryption-provider-config on kube-apiserver to its path.',
  component: 'kube-apiserver',
  flags: ['encryption-provider-config'],
  consequence: 'Secrets are stored in etcd unencrypted, readable by anyone with access to etcd or its backups.',
});
