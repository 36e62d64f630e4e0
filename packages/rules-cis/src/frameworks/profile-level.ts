import { defineFramework, type Framework } from '@kubecomply/core';

/**
 * A framework narrowed to a profile level. CIS profiles nest: Level 1 is the
 * base and Level 2 adds to it, so level 1 keeps the controls marked 1 and
 * level 2 keeps everything. Controls without a level count as Level 1.
 *
 * The result keeps the framework's id and version, so findings cite the same
 * control ids; loading it in place of the full catalog means rules that serve
 * only Level 2 controls are not run when a run is limited to the framework:
 *
 *   const level1 = atProfileLevel(cisKubernetes, 1);
 *   new Linter({ plugins: [{ ...rulesCis, frameworks: [level1] }], frameworks: ['cis-kubernetes'] });
 */
export function atProfileLevel(framework: Framework, level: number): Framework {
  return defineFramework({
    ...framework,
    title: `${framework.title} (Level ${level})`,
    controls: framework.controls.filter((control) => (control.level ?? 1) <= level),
  });
}
