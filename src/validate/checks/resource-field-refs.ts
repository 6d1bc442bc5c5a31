/**
 * `${resources.jobs.<key>.<field>}` is resolved at deploy from the settings deployed for that
 * job, which are exactly its resolved configuration; only `id` comes from the workspace. A
 * reference to a field the job does not have fails the deploy halfway ("key not found in map"),
 * so we report it in validate, with "did you mean". Other resource kinds have fields only their
 * service knows, so they are not checked.
 */
import { diag, type Diagnostic } from '../../diag/diagnostic.js';
import { closest } from '../../diag/suggest.js';
import { spanAt, spanInString } from '../../source/locations.js';
import { findBundleRefs, formatRefPath, type RefStep } from '../../templates/bundle-refs.js';
import { forEachString } from '../../source/walk.js';
import type { BundleCheck } from '../check.js';

const REMOTE_ONLY = new Set(['id']);

export const resourceFieldRefs: BundleCheck = ({ config }) => {
  const out: Diagnostic[] = [];
  const jobs = (config.resources as Record<string, unknown> | undefined)?.jobs as Record<string, unknown> | undefined;
  if (!jobs || typeof jobs !== 'object') return out;
  forEachString(config, (s, _c, _k, path) => {
    for (const ref of findBundleRefs(s)) {
      const [head, type, key, ...rest] = ref.steps;
      if (!isKey(head, 'resources') || !isKey(type, 'jobs') || !key || !('key' in key) || rest.length === 0) continue;
      const job = jobs[key.key];
      if (job === undefined || (rest[0] && 'key' in rest[0] && REMOTE_ONLY.has(rest[0].key))) continue;
      const miss = missingStep(job, rest);
      if (!miss) continue;
      const detail = miss.suggestions.length > 0 ? `did you mean ${miss.suggestions.map((k) => `\${resources.jobs.${key.key}.${formatRefPath([...miss.before, { key: k }])}}`).join(' or ')}?` : undefined;
      out.push(diag('error', 'interp/unknown-reference', `cannot resolve ${ref.text}: ${formatRefPath(rest)}: ${miss.reason}`, {
        path,
        span: spanInString(config, path, ref.start, ref.end) ?? spanAt(config, path),
        detail: (detail ? detail + '\n' : '') + `Deploy resolves this from the settings deployed for job ${key.key}, which do not have it.`,
      }));
    }
  }, '${resources.jobs.');
  return out;
};

function isKey(step: RefStep | undefined, key: string): boolean {
  return step !== undefined && 'key' in step && step.key === key;
}

function missingStep(root: unknown, steps: RefStep[]): { reason: string; before: RefStep[]; suggestions: string[] } | undefined {
  let node = root;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (typeof node === 'string' && node.includes('${')) return undefined; // unresolved: decided at deploy
    if ('index' in step) {
      if (!Array.isArray(node)) return { reason: 'not a list', before: steps.slice(0, i), suggestions: [] };
      if (step.index >= node.length) return { reason: `index ${step.index} out of range (${node.length} items)`, before: steps.slice(0, i), suggestions: [] };
      node = node[step.index];
    } else {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return { reason: `"${step.key}" is not a field of a map`, before: steps.slice(0, i), suggestions: [] };
      const obj = node as Record<string, unknown>;
      if (!Object.prototype.hasOwnProperty.call(obj, step.key)) {
        return { reason: `key "${step.key}" not found in map`, before: steps.slice(0, i), suggestions: closest(step.key, Object.keys(obj)) };
      }
      node = obj[step.key];
    }
  }
  return undefined;
}
