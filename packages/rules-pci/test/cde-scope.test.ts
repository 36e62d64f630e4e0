import { describe, expect, it } from 'vitest';
import { CdeScope } from '../src/checks/cde-scope.js';

const ns = (name: string, labels: Record<string, string> = {}) => ({ name, labels });

describe('CdeScope with the default selectors', () => {
  const scope = new CdeScope(undefined, [
    ns('shop', { 'pci-scope': 'CDE' }),
    ns('tools', { 'pci-scope': 'out-of-scope' }),
    ns('shop-eu', { 'pci-scope': 'in-scope ' }),
  ]);

  it('puts a Namespace labelled pci-scope in-scope or cde in the CDE, whatever the case', () => {
    expect(scope.configured).toBe(false);
    expect(scope.namespaceReason('shop')).toBe('namespace "shop" is labelled pci-scope=CDE');
    expect(scope.namespaceReason('shop-eu')).toBe('namespace "shop-eu" is labelled pci-scope=in-scope ');
    expect(scope.namespaceReason('tools')).toBeUndefined();
  });

  it.each([
    ['cde', 'cde'],
    ['cde-payments', 'cde'],
    ['payments-cde', 'cde'],
    ['pci', 'pci'],
    ['team-pci-eu', 'pci'],
    ['cardholder-data', 'cardholder'],
  ])('puts namespace %s in the CDE by its name', (name, word) => {
    expect(scope.namespacePredicate(name)).toBe(`has "${word}" as a word of its name`);
  });

  it.each(['pcie-drivers', 'decoder', 'cdex', 'epci', 'cardholders', 'payments', '', undefined])('leaves namespace %s out', (name) => {
    expect(scope.namespaceReason(name)).toBeUndefined();
  });

  it('puts a workload in the CDE by its own labels or its pod labels, its namespace first', () => {
    expect(scope.labelReason({ labels: { 'pci-scope': 'cde' } })).toBe('it is labelled pci-scope=cde');
    expect(scope.labelReason({ labels: {}, podLabels: { 'pci-scope': 'in-scope' } })).toBe('its pods are labelled pci-scope=in-scope');
    expect(scope.labelReason({ labels: { 'pci-scope': 'connected' } })).toBeUndefined();
    expect(scope.workloadReason({ namespace: 'shop', labels: { 'pci-scope': 'cde' } })).toBe('namespace "shop" is labelled pci-scope=CDE');
    expect(scope.workloadReason({ namespace: 'marketing', labels: {} })).toBeUndefined();
    expect(scope.workloadReason({ labels: {}, podLabels: { 'pci-scope': 'cde' } })).toBe('its pods are labelled pci-scope=cde');
  });

  it('reads namespace labels only from Namespace objects: a namespace it has none of is judged by name', () => {
    expect(new CdeScope(undefined, []).namespaceReason('shop')).toBeUndefined();
  });

  it('counts any definition of a namespace defined twice (overlays)', () => {
    const twice = new CdeScope(undefined, [ns('shop'), ns('shop', { 'pci-scope': 'cde' })]);
    expect(twice.namespaceReason('shop')).toBe('namespace "shop" is labelled pci-scope=cde');
  });
});

describe('CdeScope with pci.scope configured', () => {
  const scope = new CdeScope(
    { namespaces: ['payments-*', 'vault'], namespaceLabels: { compliance: 'pci-dss', tier: 'cde' }, workloadLabels: { 'data-classification': 'cardholder' } },
    [ns('ledger', { compliance: 'pci-dss', tier: 'cde' }), ns('half', { compliance: 'pci-dss' }), ns('shop', { 'pci-scope': 'cde' })],
  );

  it('replaces the defaults', () => {
    expect(scope.configured).toBe(true);
    expect(scope.namespaceReason('cde')).toBeUndefined();
    expect(scope.namespaceReason('shop')).toBeUndefined();
    expect(scope.labelReason({ labels: { 'pci-scope': 'cde' } })).toBeUndefined();
  });

  it('matches namespace globs and names the glob', () => {
    expect(scope.namespaceReason('payments-eu')).toBe('namespace "payments-eu" matches pci.scope.namespaces "payments-*"');
    expect(scope.namespaceReason('vault')).toBe('namespace "vault" matches pci.scope.namespaces "vault"');
    expect(scope.namespaceReason('vaults')).toBeUndefined();
    expect(scope.namespaceReason('payments')).toBeUndefined();
  });

  it('needs all of namespaceLabels and workloadLabels', () => {
    expect(scope.namespaceReason('ledger')).toBe('namespace "ledger" has the pci.scope.namespaceLabels compliance=pci-dss, tier=cde');
    expect(scope.namespaceReason('half')).toBeUndefined();
    expect(scope.labelReason({ labels: {}, podLabels: { 'data-classification': 'cardholder', app: 'x' } })).toBe(
      'its pods have the pci.scope.workloadLabels data-classification=cardholder',
    );
    expect(scope.labelReason({ labels: { 'data-classification': 'cardholder' } })).toBe('it has the pci.scope.workloadLabels data-classification=cardholder');
    expect(scope.labelReason({ labels: {}, podLabels: { 'data-classification': 'pci' } })).toBeUndefined();
  });

  it('falls back to the defaults when no selector is given, rather than leaving everything out', () => {
    for (const config of [{}, { namespaces: [] }, { namespaceLabels: {}, workloadLabels: {} }]) {
      const empty = new CdeScope(config, []);
      expect(empty.configured).toBe(false);
      expect(empty.namespaceReason('cde')).toBe('namespace "cde" has "cde" as a word of its name');
    }
  });

  it('treats a configured workloadLabels alone as the whole scope', () => {
    const only = new CdeScope({ workloadLabels: { team: 'payments' } }, [ns('cde')]);
    expect(only.namespaceReason('cde')).toBeUndefined();
    expect(only.workloadReason({ namespace: 'cde', labels: { team: 'payments' } })).toBe('it has the pci.scope.workloadLabels team=payments');
  });
});
