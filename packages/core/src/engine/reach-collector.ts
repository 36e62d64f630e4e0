import { reachabilityModelOf, REACH_KINDS } from '../model/reach/model.js';
import { buildReachReport, type ReachReport, type ReachSelection } from '../model/reach/report.js';
import type { ResourceSet } from '../model/resource-set.js';
import { defineRule, type SetRule, type Settings } from './rule.js';
import { definePlugin, type Plugin } from './plugin.js';

/**
 * A plugin whose one set rule builds a reachability report of the run
 * instead of reporting findings: add it to a Linter's plugins and read
 * `report` after the run. The selection is made from the whole input and
 * the run's settings (a CDE scope needs the Namespaces and `pci.scope`).
 */
export class ReachCollector {
  report: ReachReport | undefined;
  readonly plugin: Plugin;
  /** The id of the collecting rule, to run it alone (`rules: [ruleId]`). */
  readonly ruleId = 'reachability-report';

  constructor(selection: (set: ResourceSet, settings: Settings) => ReachSelection) {
    const rule: SetRule = defineRule({
      id: this.ruleId,
      description: 'Collects the reachability report of the input (reports no finding).',
      severity: 'info',
      remediation: 'Nothing to fix: this rule draws the reachability picture.',
      scope: 'set',
      kinds: REACH_KINDS,
      check: (set, ctx) => {
        this.report = buildReachReport(reachabilityModelOf(set), selection(set, ctx.settings));
      },
    });
    this.plugin = definePlugin({ name: 'kubecomply-reachability', rules: [rule], frameworks: [] });
  }
}
