import { probeMissingRule } from '../checks/probes.js';

export default probeMissingRule({
  id: 'liveness-probe-missing',
  field: 'livenessProbe',
  description: 'Long-running containers have a liveness probe, so a hung process is restarted.',
  remediation: 'Add a livenessProbe (httpGet, tcpSocket, grpc or exec) that fails only when the process cannot recover by itself.',
  consequence: 'a process that hangs without exiting keeps its pod running and is never restarted',
});
