/**
 * `${…}` interpolation over the whole configuration (pure), with the reference CLI's meaning:
 * - `${var.x}` reads `variables.x.value`; `bundle.*`, `workspace.*` and other sections read the
 *   configuration itself; typed fields that are unset read as "" (e.g. `${bundle.git.branch}`
 *   outside git).
 * - A string that is exactly one reference takes the referenced value with its type (maps and
 *   lists for complex variables); references embedded in text are stringified.
 * - Deploy-time references stay literal: `${resources.*}` (checked to name a resource),
 *   `${workspace.current_user.*}` when no user is known (offline validate), lookup variables.
 * - Values that are themselves references are resolved first, with cycle detection; the whole
 *   pass repeats (a complex value may bring new references) up to 11 rounds, then warns.
 */
import { diag, formatPath, type Diagnostic } from '../diag/diagnostic.js';
import { spanAt, spanInString } from '../source/locations.js';
import { findBundleRefs, formatRefPath, isPureRef, type BundleRef, type RefStep } from '../templates/bundle-refs.js';
import { closest } from '../diag/suggest.js';
import { cloneWithLocs, isDict, type Dict } from './merge.js';
import { forEachString } from '../source/walk.js';

export const MAX_ROUNDS = 11;

/** Unset but typed fields that resolve to an empty string. */
const EMPTY_IF_ABSENT = new Set([
  'bundle.mode', 'bundle.cluster_id', 'bundle.compute_id', 'bundle.uuid', 'bundle.databricks_cli_version',
  'bundle.git.origin_url', 'bundle.git.branch', 'bundle.git.commit', 'bundle.git.actual_branch', 'bundle.git.bundle_root_path',
  'workspace.host', 'workspace.profile', 'workspace.root_path', 'workspace.file_path', 'workspace.artifact_path',
  'workspace.state_path', 'workspace.resource_path',
]);

/** Fields of a deployed job that only the Terraform engine could resolve. */
const TERRAFORM_ONLY = new Set(['url', 'modified_status']);

type Slot = { container: Dict | unknown[]; key: string | number; path: (string | number)[] };
type Lookup = { kind: 'value'; value: unknown } | { kind: 'defer' } | { kind: 'missing'; suggestions: string[] } | { kind: 'error'; summary: string };

class CycleFound {
  constructor(readonly chain: string[]) {}
}

export function resolveBundleRefs(config: Dict): Diagnostic[] {
  return new Resolver(config).run();
}

class Resolver {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly reported = new Set<string>();
  private state = new Map<object, Map<string | number, 'busy' | 'done'>>();
  private pending: Slot[] = [];

  constructor(private readonly config: Dict) {}

  run(): Diagnostic[] {
    collectSlots(this.config, [], this.pending);
    for (let round = 1; this.pending.length > 0; round++) {
      if (round > MAX_ROUNDS) {
        this.diagnostics.push(diag('warning', 'interp/too-deep', `Variables references are too deep, stopping resolution after ${MAX_ROUNDS} rounds. Unresolved variables may remain.`, {
          detail: 'A complex variable refers to itself, directly or through others.',
        }));
        break;
      }
      const slots = this.pending;
      this.pending = [];
      this.state = new Map();
      for (const slot of slots) this.resolveTop(slot);
    }
    return this.diagnostics;
  }

  private resolveTop(slot: Slot): void {
    try {
      this.resolveSlot(slot, [formatPath(slot.path)]);
    } catch (e) {
      if (!(e instanceof CycleFound)) throw e;
      const refs = e.chain.slice(1);
      const id = [...new Set(refs)].sort().join('|');
      if (!this.reported.has(id)) {
        this.reported.add(id);
        this.diagnostics.push(diag('error', 'interp/cycle', `cycle detected in field resolution: ${e.chain.join(' -> ')}`, {
          path: slot.path,
          span: spanAt(this.config, slot.path),
          detail: 'These references depend on each other, so none can be resolved. Give one of them a literal value.',
        }));
      }
      // Slots left busy by the unwinding stay unresolved.
      for (const m of this.state.values()) for (const [k, s] of m) if (s === 'busy') m.set(k, 'done');
    }
  }

  private mark(slot: { container: object; key: string | number }, s: 'busy' | 'done'): void {
    let m = this.state.get(slot.container);
    if (!m) this.state.set(slot.container, (m = new Map()));
    m.set(slot.key, s);
  }

  private resolveSlot(slot: Slot, chain: string[]): void {
    const v = (slot.container as Record<string | number, unknown>)[slot.key];
    if (typeof v !== 'string') return;
    const st = this.state.get(slot.container)?.get(slot.key);
    if (st === 'done') return;
    if (st === 'busy') throw new CycleFound(chain);
    const refs = findBundleRefs(v);
    if (refs.length === 0) return;
    this.mark(slot, 'busy');
    const results = refs.map((r) => this.lookup(r, [...chain, r.path]));
    this.mark(slot, 'done');
    results.forEach((r, i) => this.report(r, refs[i]!, slot));
    if (isPureRef(v, refs)) {
      const r = results[0]!;
      if (r.kind !== 'value') return;
      const value = cloneWithLocs(r.value);
      (slot.container as Record<string | number, unknown>)[slot.key] = value;
      if (value !== null && typeof value === 'object') collectSlots(value, slot.path, this.pending);
      else if (typeof value === 'string' && value !== v && findBundleRefs(value).length > 0) this.pending.push(slot);
      return;
    }
    let out = '';
    let at = 0;
    refs.forEach((ref, i) => {
      const r = results[i]!;
      out += v.slice(at, ref.start);
      at = ref.end;
      if (r.kind === 'value' && (r.value === null || typeof r.value !== 'object')) out += r.value === null || r.value === undefined ? '' : String(r.value);
      else {
        if (r.kind === 'value') {
          this.diagnostics.push(diag('error', 'interp/not-a-string', `cannot interpolate ${Array.isArray(r.value) ? 'a list' : 'a map'} into a string: ${ref.text}`, {
            path: slot.path,
            span: spanInString(this.config, slot.path, ref.start, ref.end) ?? spanAt(this.config, slot.path),
            detail: 'Only a string that is exactly one reference can take a map or a list.',
          }));
        }
        out += ref.text;
      }
    });
    out += v.slice(at);
    if (out !== v) {
      (slot.container as Record<string | number, unknown>)[slot.key] = out;
      if (findBundleRefs(out).some((r) => !refs.some((o) => o.text === r.text))) this.pending.push(slot);
    }
  }

  private report(r: Lookup, ref: BundleRef, slot: Slot): void {
    if (r.kind !== 'missing' && r.kind !== 'error') return;
    const span = spanInString(this.config, slot.path, ref.start, ref.end) ?? spanAt(this.config, slot.path);
    if (r.kind === 'error') {
      this.diagnostics.push(diag('error', 'bundle/terraform-only-field', r.summary, { path: slot.path, span }));
      return;
    }
    const key = `${formatPath(slot.path)}|${ref.text}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const detail = r.suggestions.length === 1
      ? `did you mean ${r.suggestions[0]}?`
      : r.suggestions.length > 1 ? `did you mean one of:\n${r.suggestions.map((s) => `  ${s}`).join('\n')}` : undefined;
    this.diagnostics.push(diag('error', 'interp/unknown-reference', `reference does not exist: ${ref.text}`, { path: slot.path, span, detail }));
  }

  /** Resolves a reference to a value, resolving any reference met on the way first. */
  private lookup(ref: BundleRef, chain: string[]): Lookup {
    const routed = this.route(ref.steps);
    if ('kind' in routed) return routed;
    let node: unknown = this.config;
    const walked: RefStep[] = [];
    for (const step of routed.steps) {
      node = this.settle(node, walked, chain);
      const next = child(node, step);
      if (next === undefined) {
        if (EMPTY_IF_ABSENT.has(formatRefPath(routed.steps))) return { kind: 'value', value: '' };
        if (typeof node === 'string' && findBundleRefs(node).length > 0) return { kind: 'defer' };
        return { kind: 'missing', suggestions: this.suggest(node, walked, step, routed.display) };
      }
      walked.push(step);
      node = next.value;
    }
    node = this.settle(node, walked, chain);
    if (typeof node === 'string' && findBundleRefs(node).length > 0 && isPureRef(node, findBundleRefs(node))) return { kind: 'defer' };
    return { kind: 'value', value: node };
  }

  /** If the node at `walked` is a string with references, resolves that slot first. */
  private settle(node: unknown, walked: RefStep[], chain: string[]): unknown {
    if (typeof node !== 'string' || walked.length === 0 || !node.includes('${')) return node;
    const parentSteps = walked.slice(0, -1);
    const last = walked[walked.length - 1]!;
    let parent: unknown = this.config;
    for (const s of parentSteps) parent = child(parent, s)?.value;
    if (parent === null || typeof parent !== 'object') return node;
    const key = 'index' in last ? last.index : last.key;
    this.resolveSlot({ container: parent as Dict, key, path: stepsToPath(walked) }, chain);
    return (parent as Record<string | number, unknown>)[key];
  }

  /** Maps a reference to config steps, or says it is deploy-time / unknown. */
  private route(steps: RefStep[]): { steps: RefStep[]; display: (steps: RefStep[]) => string } | Lookup {
    const head = steps[0] && 'key' in steps[0] ? steps[0].key : '';
    const display = (s: RefStep[]) => `\${${formatRefPath(s)}}`;
    if (head === 'var') {
      const name = steps[1] && 'key' in steps[1] ? steps[1].key : undefined;
      const vars = isDict(this.config.variables) ? this.config.variables : {};
      if (name === undefined || !Object.prototype.hasOwnProperty.call(vars, name)) {
        const names = closest(name ?? '', Object.keys(vars));
        return { kind: 'missing', suggestions: names.map((n) => display([{ key: 'var' }, { key: n }, ...steps.slice(2)])) };
      }
      const decl = vars[name];
      // A lookup resolves at deploy; a variable left without a value already has its own error.
      if (!isDict(decl) || decl.value === undefined || decl.value === null) return { kind: 'defer' };
      return {
        steps: [{ key: 'variables' }, { key: name }, { key: 'value' }, ...steps.slice(2)],
        display: (s) => display([{ key: 'var' }, ...s.slice(1, 2), ...s.slice(3)]),
      };
    }
    if (head === 'resources') return this.routeResource(steps);
    if (head === 'workspace' && steps[1] && 'key' in steps[1] && steps[1].key === 'current_user') {
      const ws = this.config.workspace;
      if (!isDict(ws) || !isDict(ws.current_user)) return { kind: 'defer' };
    }
    return { steps, display };
  }

  private routeResource(steps: RefStep[]): Lookup {
    const [, type, key, field] = steps.map((s) => ('key' in s ? s.key : undefined));
    const resources = isDict(this.config.resources) ? this.config.resources : {};
    const group = type !== undefined && isDict(resources[type]) ? (resources[type] as Dict) : undefined;
    if (!group || key === undefined || !Object.prototype.hasOwnProperty.call(group, key)) {
      const pool = group ? Object.keys(group).map((k) => `${type}.${k}`) : Object.keys(resources);
      const wanted = group ? `${type}.${key}` : (type ?? '');
      const rest = steps.slice(group ? 3 : 2);
      return {
        kind: 'missing',
        suggestions: closest(wanted, pool).map((p) => `\${resources.${p}${rest.length ? '.' + formatRefPath(rest) : ''}}`),
      };
    }
    if (type === 'jobs' && field !== undefined && TERRAFORM_ONLY.has(field)) {
      return {
        kind: 'error',
        summary: `"resources.jobs.${key}.${field}": Terraform-only field; cross-resource references to Terraform-only fields are not supported by the direct engine`,
      };
    }
    return { kind: 'defer' };
  }

  private suggest(node: unknown, walked: RefStep[], step: RefStep, display: (s: RefStep[]) => string): string[] {
    if (!('key' in step) || !isDict(node)) return [];
    return closest(step.key, Object.keys(node)).map((k) => display([...walked, { key: k }]));
  }
}

function child(node: unknown, step: RefStep): { value: unknown } | undefined {
  if ('index' in step) return Array.isArray(node) && step.index < node.length ? { value: node[step.index] } : undefined;
  return isDict(node) && Object.prototype.hasOwnProperty.call(node, step.key) ? { value: node[step.key] } : undefined;
}

function stepsToPath(steps: RefStep[]): (string | number)[] {
  return steps.map((s) => ('index' in s ? s.index : s.key));
}

/** Every string slot holding a `${` under `root`. */
function collectSlots(root: unknown, path: (string | number)[], out: Slot[]): void {
  forEachString(root, (_s, container, key, at) => out.push({ container, key, path: [...at] }), '${', path);
}
