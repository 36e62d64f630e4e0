import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/index.js';
import { html, HTML_FINDINGS_PER_RULE, HTML_FINDINGS_TABLE_LIMIT, htmlChunks } from '../src/formatters/html.js';
import { onLine, resultOf, testFinding } from './support/results.js';

const OPTIONS = { color: false, tool: { name: 'kubecomply', version: '1.2.3' } };

/** `count` warnings of one rule, one a line of deploy.yaml, each about its own Deployment ns/app-<i>. */
function findings(ruleId: string, count: number, extra: Partial<Finding> = {}): Finding[] {
  return Array.from({ length: count }, (_, i) =>
    testFinding({
      ruleId,
      severity: 'warning',
      message: `${ruleId} finding number ${i}.`,
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: `app-${i}`, namespace: 'ns' },
      file: 'deploy.yaml',
      range: onLine(i + 1, 3, 9),
      path: ['spec'],
      ...extra,
    }),
  );
}

const rows = (page: string) => page.match(/<tr data-severity=/g)?.length ?? 0;

describe('HTML report of many findings', () => {
  it('lists every finding up to the limit', () => {
    const page = html(resultOf(findings('rule-a', HTML_FINDINGS_TABLE_LIMIT)), OPTIONS);
    expect(rows(page)).toBe(HTML_FINDINGS_TABLE_LIMIT);
    expect(page).not.toContain('too many for one page');
  });

  it('above the limit, lists the first findings of each rule and says how many more each has', () => {
    const list = [...findings('rule-a', 3000), ...findings('rule-b', 7), ...findings('rule-c', 40)];
    const page = html(resultOf(list), OPTIONS);
    expect(rows(page)).toBe(HTML_FINDINGS_PER_RULE + 7 + HTML_FINDINGS_PER_RULE);
    expect(page).toContain('This run has 3047 findings, too many for one page');
    expect(page).toContain(`<code>rule-a</code>: 3000 findings, the first ${HTML_FINDINGS_PER_RULE} listed, ${3000 - HTML_FINDINGS_PER_RULE} more not shown`);
    expect(page).toContain('<code>rule-b</code>: 7 findings</li>');
    expect(page).toContain(`<code>rule-c</code>: 40 findings, the first ${HTML_FINDINGS_PER_RULE} listed, ${40 - HTML_FINDINGS_PER_RULE} more not shown`);
    // The first ones in the report's order are the ones listed.
    expect(page).toContain('rule-a finding number 19.');
    expect(page).not.toContain('rule-a finding number 20.');
  });

  it('lists at most the limit of suppressed findings and counts the rest', () => {
    const list = findings('rule-a', HTML_FINDINGS_TABLE_LIMIT + 5, { suppression: { reason: 'Accepted.', source: 'config' } });
    const page = html(resultOf(list), OPTIONS);
    expect(page).toContain(`The first ${HTML_FINDINGS_TABLE_LIMIT} of ${HTML_FINDINGS_TABLE_LIMIT + 5} suppressed findings are listed`);
  });

  it('comes in pieces, the findings table a row at a time, with the same bytes as the whole page', () => {
    const result = resultOf(findings('rule-a', 50));
    const pieces = [...htmlChunks(result, OPTIONS)];
    expect(pieces.length).toBeGreaterThan(50);
    expect(pieces.join('')).toBe(html(result, OPTIONS));
  });
});
