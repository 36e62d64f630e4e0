import { componentRule, type FlagProblem } from '../checks/flag-rules.js';
import { setting, subjectOf } from '../checks/component-flags.js';

/** Below this, ordinary requests (large lists, calls that wait on admission webhooks) start failing. */
const MIN_SECONDS = 5;
/** Above this, a slow or stuck request holds API server resources for longer than any real request needs. */
const MAX_SECONDS = 60 * 60;

const UNIT_SECONDS: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, '\u00b5s': 1e-6, '\u03bcs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Go's time.ParseDuration, in seconds (`1m30s` -> 90, `0` -> 0); undefined when Go would reject the text. */
export function goDurationSeconds(text: string): number | undefined {
  const t = text.trim();
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.replace(/^[+-]/, '');
  if (body === '0') return 0;
  if (body === '' || !/^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h))+$/.test(body)) return undefined;
  let total = 0;
  for (const m of body.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/g)) total += Number(m[1]) * (UNIT_SECONDS[m[2] as string] as number);
  return sign * total;
}

export default componentRule({
  id: 'apiserver-request-timeout-extreme',
  description: 'The API server request timeout is neither off nor far outside a sensible range.',
  severity: 'warning',
  remediation: 'Leave --request-timeout unset (60s) or set it between 5s and 1h on kube-apiserver, e.g. --request-timeout=300s for slow links.',
  component: 'kube-apiserver',
  evaluate(invocation): FlagProblem[] {
    const s = setting(invocation, 'request-timeout');
    if (s.state !== 'set') return [];
    const seconds = goDurationSeconds(s.flag.value ?? '');
    const subject = subjectOf(invocation);
    let why: string | undefined;
    if (seconds === undefined) why = 'which is not a Go duration (such as 60s or 5m), so the API server will not start';
    else if (seconds <= 0)
      why = 'which leaves ordinary requests without a usable time limit, so slow or stuck clients can hold API server resources indefinitely';
    else if (seconds > MAX_SECONDS) why = 'more than 1h, so slow or stuck requests can hold API server resources for hours';
    else if (seconds < MIN_SECONDS) why = 'less than 5s, so ordinary requests such as large lists or calls that wait on admission webhooks are cut off';
    return why ? [{ path: s.flag.path, message: `${subject} sets ${s.flag.text}, ${why}.` }] : [];
  },
});
