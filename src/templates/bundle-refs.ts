/**
 * Bundle-time `${…}` references (pure): the reference CLI's grammar from libs/dyn/dynvar/ref.go.
 * A segment starts with a letter and may join letters and digits with `-` or `_`; `[N]` indexes
 * a sequence. Text that does not match (`${var.1x}`, `${var.x_}`) is not a reference and stays
 * literal. Run-time `{{…}}` references are a different language (see dynamic-refs.ts).
 */

const SEG = String.raw`\p{L}+(?:[-_]*[\p{L}\p{N}]+)*`;
const PATH = String.raw`${SEG}(?:\.${SEG}(?:\[[0-9]+\])*)*(?:\[[0-9]+\])*`;
const REF = new RegExp(String.raw`\$\{(${PATH})\}`, 'gu');

export type RefStep = { key: string } | { index: number };

export interface BundleRef {
  /** The full `${…}` text. */
  text: string;
  /** The dotted path inside the braces, e.g. `var.cluster.nodes[0]`. */
  path: string;
  steps: RefStep[];
  /** Offsets of `text` in the containing string. */
  start: number;
  end: number;
}

/** All references in a string, in order. Cheap when the string holds no `${`. */
export function findBundleRefs(s: string): BundleRef[] {
  if (!s.includes('${')) return [];
  const out: BundleRef[] = [];
  for (const m of s.matchAll(REF)) {
    out.push({ text: m[0], path: m[1]!, steps: parseRefPath(m[1]!), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** True when the whole string is exactly one reference (its value keeps its type). */
export function isPureRef(s: string, refs: readonly BundleRef[]): boolean {
  return refs.length === 1 && refs[0]!.start === 0 && refs[0]!.end === s.length;
}

export function parseRefPath(path: string): RefStep[] {
  const steps: RefStep[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[]+)((?:\[\d+\])*)$/u.exec(part);
    if (!m) continue;
    steps.push({ key: m[1]! });
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) steps.push({ index: Number(idx[1]) });
  }
  return steps;
}

/** Renders steps back to `a.b[0].c`. */
export function formatRefPath(steps: readonly RefStep[]): string {
  let out = '';
  for (const s of steps) out += 'index' in s ? `[${s.index}]` : out === '' ? s.key : `.${s.key}`;
  return out;
}

/** True when a value still holds a `${…}` reference (used to skip checks on deploy-time values). */
export function hasBundleRef(v: unknown): boolean {
  return typeof v === 'string' && findBundleRefs(v).length > 0;
}
