import { setting, subjectOf } from '../checks/component-flags.js';
import { componentRule, missing } from '../checks/flag-rules.js';

export default componentRule({
  id: 'controller-manager-terminated-pod-gc-threshold-missing',
  description: 'The controller manager sets how many terminated pods it keeps before deleting them.',
  severity: 'info',
  remediation: 'Set --terminated-pod-gc-threshold on kube-controller-manager to a number that suits the cluster, e.g. 10 for small clusters.',
  component: 'kube-controller-manager',
  evaluate(invocation) {
    const s = setting(invocation, 'terminated-pod-gc-threshold');
    if (s.state === 'unset') {
      return [missing(invocation, 'does not set --terminated-pod-gc-threshold, which defaults to 12500 terminated pods kept before any is deleted.')];
    }
    if (s.state !== 'set') return [];
    const text = (s.flag.value ?? '').trim();
    if (!/^[+-]?\d+$/.test(text)) {
      return [
        {
          path: s.flag.path,
          message: `${subjectOf(invocation)} sets ${s.flag.text}, which is not a whole number; the controller manager does not start with it.`,
        },
      ];
    }
    if (Number(text) > 0) return [];
    return [{ path: s.flag.path, message: `${subjectOf(invocation)} sets ${s.flag.text}, which turns off garbage collection of terminated pods.` }];
  },
});
