import { describe, expect, it } from 'vitest';
import { evaluateSelector, parseCalicoSelector, selectorText, SelectorSyntaxError } from '../../src/index.js';

/**
 * Calico's selector language, case by case. Each row cites the sentence of
 * Calico's selector documentation (C-SEL, docs.tigera.io .../networkpolicy
 * "Selectors") or the parser behaviour (C-TOK) it encodes.
 */

const LABELS = { app: 'web', tier: 'frontend', 'k8s-app': 'kube-dns', 'example.com/team': 'payments', empty: '' };

const MATCHES: [string, boolean, string][] = [
  ["app == 'web'", true, 'k == "v": matches resources with the label k equal to v'],
  ['app == "db"', false, 'double quotes are accepted too'],
  ["app != 'db'", true, 'k != "v": label k not equal to v'],
  ["missing != 'x'", true, '!= is also true when the label is absent'],
  ["missing == 'x'", false, '== needs the label to exist'],
  ["app in { 'web', 'api' }", true, 'k in { "v1", "v2" }: label k equal to one of the values'],
  ['app in {}', false, 'an empty set matches nothing'],
  ["app not in { 'web' }", false, 'k not in { ... }: label k absent or not one of the values'],
  ["missing not in { 'web' }", true, 'not in is true when the label is absent'],
  ["app notin { 'db' }", true, 'notin is accepted as a spelling of not in'],
  ['has(app)', true, 'has(k): the label k exists, whatever its value'],
  ['has(empty)', true, 'has(k) is true for an empty value'],
  ['!has(app)', false, '!has(k): the label k is absent'],
  ['has(missing)', false, 'has(k) is false without the label'],
  ['all()', true, 'all(): every resource'],
  ['!all()', false, '!all() matches nothing'],
  ['', true, 'an empty selector is all()'],
  ["tier contains 'front'", true, 'k contains "s": the value holds the substring'],
  ["tier starts with 'front'", true, 'k starts with "s"'],
  ["tier ends with 'end'", true, 'k ends with "s"'],
  ["tier ends with 'front'", false, 'ends with compares the end of the value'],
  ["missing contains ''", false, 'contains needs the label'],
  ["example.com/team == 'payments'", true, 'label keys may carry a prefix with dots and a slash'],
  ["k8s-app == 'kube-dns'", true, 'label keys may carry dashes'],
  ["app == 'web' && tier == 'frontend'", true, '&&: both'],
  ["app == 'web' && tier == 'backend'", false, '&&: both must hold'],
  ["app == 'db' || tier == 'frontend'", true, '||: either'],
  ["app == 'db' || tier == 'backend' && app == 'web'", false, '&& binds tighter than ||'],
  ["(app == 'db' || tier == 'frontend') && app == 'web'", true, 'parentheses group'],
  ["!app == 'db' && tier == 'frontend'", true, 'match operators bind tighter than !: (!(app == "db")) && ...'],
  ['!!has(app)', true, 'a run of ! folds into negations that cancel in pairs'],
  ["!(app == 'web' && tier == 'frontend')", false, '! applies to a parenthesised expression'],
  ["  app=='web'  ", true, 'white space is optional around operators'],
  ['has( app )', true, 'white space inside has( )'],
];

describe('Calico selector evaluation', () => {
  for (const [selector, expected, cites] of MATCHES) {
    it(`${JSON.stringify(selector)} -> ${expected} (${cites})`, () => {
      expect(evaluateSelector(parseCalicoSelector(selector), LABELS)).toBe(expected);
    });
  }

  it('global() is true only for objects outside every namespace', () => {
    expect(evaluateSelector(parseCalicoSelector('global()'), {}, true)).toBe(true);
    expect(evaluateSelector(parseCalicoSelector('global()'), {}, false)).toBe(false);
  });

  it('writes selectors back with the same meaning', () => {
    for (const [selector] of MATCHES) {
      if (selector.trim() === '') continue;
      const again = parseCalicoSelector(selectorText(parseCalicoSelector(selector)));
      expect(evaluateSelector(again, LABELS), selector).toBe(evaluateSelector(parseCalicoSelector(selector), LABELS));
    }
  });
});

const ERRORS: [string, string][] = [
  ['app == web', 'values must be quoted (C-TOK: unquoted value)'],
  ["app = 'web'", 'a lone = is not an operator'],
  ["app == 'web' & tier == 'x'", 'a lone & is not an operator'],
  ["app == 'web' | tier == 'x'", 'a lone | is not an operator'],
  ["app == 'web", 'an unterminated string'],
  ["(app == 'web'", 'an unclosed parenthesis'],
  ["app in { 'a' 'b' }", 'set values are separated by commas'],
  ['app', 'a label without an operator'],
  ["app == 'a' tier == 'b'", 'two expressions need && or ||'],
  ['has()', 'has() needs a label'],
];

describe('Calico selector syntax errors', () => {
  for (const [selector, cites] of ERRORS) {
    it(`${JSON.stringify(selector)} is rejected (${cites})`, () => {
      expect(() => parseCalicoSelector(selector)).toThrow(SelectorSyntaxError);
    });
  }
});
