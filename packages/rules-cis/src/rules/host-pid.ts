import { hostNamespaceRule } from '../checks/host-namespace.js';

export default hostNamespaceRule({
  id: 'host-pid',
  field: 'hostPID',
  description: "Pods do not share the node's process ID namespace.",
  consequence: 'it can see and signal every process on the node.',
});
