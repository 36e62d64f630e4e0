import { hostNamespaceRule } from '../checks/host-namespace.js';

export default hostNamespaceRule({
  id: 'host-ipc',
  field: 'hostIPC',
  description: "Pods do not share the node's IPC namespace.",
  consequence: 'it can read and write shared memory of every process on the node.',
});
