import { hostNamespaceRule } from '../checks/host-namespace.js';

export default hostNamespaceRule({
  id: 'host-network',
  field: 'hostNetwork',
  description: "Pods do not share the node's network namespace.",
  consequence: 'it can bind node ports, sniff node traffic and bypass NetworkPolicy.',
});
