/**
 * @kubecomply/core/testing: the fixture runner for rule packages. A fixture
 * is a YAML file with `# expect: <rule-id>` markers on the lines where
 * findings start; `lintFixture` lints it with the rules it names and returns
 * expected and actual (line, rule) pairs to compare.
 */
export { lintFixture, fixtureExpectations, fixtureMarkedRules, fixtureOptions, markdownYamlBlocks } from './fixture.js';
export type { FixtureOutcome } from './fixture.js';
