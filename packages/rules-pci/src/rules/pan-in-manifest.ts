import {
  defineRule,
  isWorkload,
  WORKLOAD_KINDS,
  type JsonPath,
  type Resource,
  type RuleContext,
  isJsonObject,
  stringField,
  containerLabel,
} from '@kubecomply/core';
import { findPans, type PanMatch } from '../checks/pan.js';

const SHOWN = 3;
const CONSEQUENCE =
  'A card number in a manifest is stored in clear wherever the manifest goes (the repository and its history, CI logs, the cluster), and all of those fall in PCI DSS scope.';

/** A scalar as text; numbers beyond 2^53 have already lost digits when parsed and are left alone. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text a base64 value stands for, when it is base64 of UTF-8 text. */
function decodeBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
  try {
    return utf8.decode(Buffer.from(compact, 'base64'));
  } catch {
    return undefined;
  }
}

/** 'a Visa card number (453914******6467)', '3 card numbers (…, …, … and 1 more)'. */
function describe(matches: readonly PanMatch[]): string {
  const first = matches[0] as PanMatch;
  if (matches.length === 1) {
    if (first.track !== undefined) return `${first.scheme} track ${first.track} data (${first.masked}), which is sensitive authentication data`;
    return `${/^[AEIOU]/.test(first.scheme) ? 'an' : 'a'} ${first.scheme} card number (${first.masked})`;
  }
  const shown = matches
    .slice(0, SHOWN)
    .map((m) => m.masked)
    .join(', ');
  const more = matches.length > SHOWN ? ` and ${matches.length - SHOWN} more` : '';
  const track = matches.some((m) => m.track !== undefined) ? ', with track data (sensitive authentication data)' : '';
  return `${matches.length} card numbers (${shown}${more})${track}`;
}

export default defineRule({
  id: 'pan-in-manifest',
  description: 'Manifests hold no primary account numbers (card numbers) or track data, in clear or base64-encoded.',
  severity: 'error',
  appliesTo: [...WORKLOAD_KINDS, 'ConfigMap', 'Secret'],
  remediation:
    'Remove the card number: keep account data in the systems built to protect it (a tokenization service, an encrypted data store) and use test card numbers of the payment provider outside production. Then purge it from the repository history, CI logs and the cluster.',
  check(resource, ctx) {
    const scan = (text: string | undefined, path: JsonPath, where: (found: string) => string) => {
      if (text === undefined || text.length < 13) return;
      const matches = findPans(text);
      if (matches.length > 0) ctx.report({ path, message: `${where(describe(matches))}. ${CONSEQUENCE}` });
    };
    const label = `${resource.kind} "${resource.name}"`;
    for (const [key, value] of Object.entries(resource.annotations)) {
      scan(value, ['metadata', 'annotations', key], (found) => `Annotation "${key}" of ${label} holds ${found}`);
    }
    if (isWorkload(resource)) {
      checkWorkload(resource, ctx, scan);
    } else if (resource.group === '' && (resource.kind === 'ConfigMap' || resource.kind === 'Secret')) {
      checkData(resource, label, scan);
    }
  },
});

type Scan = (text: string | undefined, path: JsonPath, where: (found: string) => string) => void;

function checkData(resource: Resource, label: string, scan: Scan): void {
  const plain = resource.kind === 'ConfigMap' ? 'data' : 'stringData';
  const encoded = resource.kind === 'ConfigMap' ? 'binaryData' : 'data';
  const plainMap = resource.object[plain];
  if (isJsonObject(plainMap)) {
    for (const [key, value] of Object.entries(plainMap)) {
      scan(scalarText(value), [plain, key], (found) => `Key "${key}" of ${label} holds ${found}`);
    }
  }
  const encodedMap = resource.object[encoded];
  if (isJsonObject(encodedMap)) {
    for (const [key, value] of Object.entries(encodedMap)) {
      const raw = scalarText(value);
      if (raw === undefined) continue;
      // Written in clear where base64 belongs (the API server would reject it, but the file holds it all the same).
      if (findPans(raw).length > 0) {
        scan(raw, [encoded, key], (found) => `Key "${key}" of ${label} holds ${found}`);
        continue;
      }
      scan(decodeBase64(raw), [encoded, key], (found) => `Key "${key}" of ${label} holds, base64-encoded (which anyone can decode), ${found}`);
    }
  }
}

function checkWorkload(resource: Resource, ctx: RuleContext, scan: Scan): void {
  const pod = ctx.podSpec(resource);
  // A Pod's metadata (['metadata']) is the resource's own, already scanned above.
  if (pod && pod.metadataPath.length > 1 && isJsonObject(pod.metadata.annotations)) {
    for (const [key, value] of Object.entries(pod.metadata.annotations)) {
      scan(scalarText(value), [...pod.metadataPath, 'annotations', key], (found) => `Pod template annotation "${key}" holds ${found}`);
    }
  }
  for (const container of ctx.containers(resource)) {
    const who = containerLabel(container);
    const env: unknown = container.value.env;
    if (Array.isArray(env)) {
      env.forEach((entry: unknown, i) => {
        if (!isJsonObject(entry)) return;
        const name = stringField(entry['name']);
        scan(
          scalarText(entry['value']),
          [...container.path, 'env', i, 'value'],
          (found) => `${who} sets environment variable "${name}" to a value that holds ${found}`,
        );
      });
    }
    for (const field of ['command', 'args'] as const) {
      const list: unknown = container.value[field];
      if (!Array.isArray(list)) continue;
      list.forEach((arg: unknown, i) => {
        scan(scalarText(arg), [...container.path, field, i], (found) => `${who} has ${found} in ${field} item ${i + 1}`);
      });
    }
  }
}
