import { describe, expect, it } from 'vitest';
import { containerDefaults, type Resource, setsQuantity } from '../src/index.js';
import { loadResources } from './support/resources.js';

const load = (text: string): Resource[] => loadResources('limits.yaml', text);

const range = (namespace: string, item: string) => `apiVersion: v1
kind: LimitRange
metadata: { name: r, namespace: ${namespace} }
spec:
  limits: [${item}]
`;

const sorted = (set: ReadonlySet<string>) => [...set].sort();

describe('containerDefaults: what LimitRanger fills in for a container', () => {
  it('default sets the limit and, through defaulting, the request', () => {
    const d = containerDefaults(load(range('a', '{ type: Container, default: { cpu: 1 } }')), 'a');
    expect(sorted(d.limits)).toEqual(['cpu']);
    expect(sorted(d.requests)).toEqual(['cpu']);
  });
  it('max becomes the default limit', () => {
    const d = containerDefaults(load(range('a', '{ type: Container, max: { memory: 1Gi } }')), 'a');
    expect(sorted(d.limits)).toEqual(['memory']);
    expect(sorted(d.requests)).toEqual(['memory']);
  });
  it('defaultRequest and min set only the request', () => {
    const d = containerDefaults(load(range('a', '{ type: Container, defaultRequest: { cpu: 50m }, min: { memory: 8Mi } }')), 'a');
    expect(sorted(d.limits)).toEqual([]);
    expect(sorted(d.requests)).toEqual(['cpu', 'memory']);
  });
  it('only Container items of LimitRanges in the same namespace count', () => {
    const text = [range('a', '{ type: Pod, max: { cpu: 2 } }'), range('b', '{ type: Container, default: { memory: 1Gi } }')].join('---\n');
    const d = containerDefaults(load(text), 'a');
    expect(d.limits.size + d.requests.size).toBe(0);
    expect(sorted(containerDefaults(load(text), 'b').limits)).toEqual(['memory']);
  });
});

describe('setsQuantity', () => {
  it('counts numbers and non-blank strings, nothing else', () => {
    expect(setsQuantity({ cpu: 1 }, 'cpu')).toBe(true);
    expect(setsQuantity({ cpu: '100m' }, 'cpu')).toBe(true);
    expect(setsQuantity({ cpu: ' ' }, 'cpu')).toBe(false);
    expect(setsQuantity({ cpu: null }, 'cpu')).toBe(false);
    expect(setsQuantity(['cpu'], 'cpu')).toBe(false);
  });
});
