/**
 * YAML/JSON text → plain data plus source locations (pure).
 *
 * We walk yaml's node tree ourselves instead of calling `toJS()` so that every value keeps where
 * it was written (see locations.ts) and so that hostile input is bounded: aliases expand under a
 * node budget (alias bombs), nesting under a depth limit, and the parser's own stack overflow on
 * absurd nesting becomes a diagnostic. Nothing here throws on bad input.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node as YNode } from 'yaml';
import { diag, type Diagnostic } from '../diag/diagnostic.js';
import type { DiagCode } from '../diag/codes.js';
import { locsOf, setLoc, type NodeLoc } from './locations.js';
import { SourceFile } from './source-file.js';

export interface ParseLimits {
  /** Maximum nesting of maps and sequences. */
  maxDepth: number;
  /** Maximum number of nodes produced by expanding aliases, across the file. */
  maxAliasNodes: number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxDepth: 128, maxAliasNodes: 100_000 };

export interface ParsedFile {
  file: SourceFile;
  /** The document's value; `undefined` for an empty document or one that failed to parse. */
  value: unknown;
  diagnostics: Diagnostic[];
}

const YAML_CODE: Partial<Record<string, DiagCode>> = {
  DUPLICATE_KEY: 'yaml/duplicate-key',
  MULTIPLE_DOCS: 'yaml/multi-document',
  RESOURCE_EXHAUSTION: 'yaml/alias-limit',
  NON_STRING_KEY: 'yaml/non-string-key',
};

const HINTS: Partial<Record<string, string>> = {
  TAB_AS_INDENT: 'YAML indents with spaces only; replace the tab characters with spaces.',
  DUPLICATE_KEY: 'Keep one of the two entries; YAML does not merge repeated keys.',
  MULTIPLE_DOCS: 'Bundle files hold a single document: remove the `---` separator or split the file.',
  BAD_INDENT: 'Check that keys at the same level start in the same column.',
};

/** Parses one bundle file. JSON is parsed as YAML (a subset), which also gives it positions. */
export function parseYamlText(path: string, text: string, limits: ParseLimits = DEFAULT_LIMITS): ParsedFile {
  const file = new SourceFile(path, text);
  const diagnostics: Diagnostic[] = [];
  // yaml's lexer runs out of memory (a fatal V8 error, not an exception) on flow collections
  // nested ~20,000 deep, so absurd flow nesting is refused before parsing.
  const flowDepthAt = flowNestingBeyond(text, limits.maxDepth * 4);
  if (flowDepthAt >= 0) {
    diagnostics.push(
      diag('error', 'yaml/too-deep', `nesting is deeper than ${limits.maxDepth} levels`, { span: file.span(flowDepthAt, flowDepthAt + 1) }),
    );
    return { file, value: undefined, diagnostics };
  }
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      lineCounter: file.lines,
      prettyErrors: false,
      uniqueKeys: true,
      merge: true,
      intAsBigInt: true,
      strict: true,
    });
  } catch (err) {
    // The composer recurses per nesting level; absurd nesting overflows the stack.
    const tooDeep = err instanceof RangeError;
    diagnostics.push(
      diag('error', tooDeep ? 'yaml/too-deep' : 'yaml/syntax', tooDeep ? 'nesting is too deep to parse' : `cannot parse file: ${String(err)}`, {
        span: file.span(0, 0),
      }),
    );
    return { file, value: undefined, diagnostics };
  }
  for (const e of doc.errors) {
    const code = YAML_CODE[e.code] ?? 'yaml/syntax';
    const dup = e.code === 'DUPLICATE_KEY' ? duplicateKeyAt(doc, e.pos[0]) : undefined;
    if (dup) {
      const first = dup.first && file.span(dup.first[0], dup.first[1]).start;
      diagnostics.push(diag('error', code, `duplicate key "${dup.key}": map keys must be unique`, {
        span: file.span(dup.range[0], dup.range[1]),
        detail: `${first ? `First defined at line ${first.line}, column ${first.column}. ` : ''}${HINTS[e.code]}`,
      }));
      continue;
    }
    diagnostics.push(diag('error', code, firstLine(e.message), { span: file.span(e.pos[0], e.pos[1]), detail: HINTS[e.code] }));
  }
  for (const w of doc.warnings) {
    diagnostics.push(diag('warning', 'yaml/syntax', firstLine(w.message), { span: file.span(w.pos[0], w.pos[1]) }));
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { file, value: undefined, diagnostics };

  const walker = new Walker(file, doc, limits, diagnostics);
  const value = doc.contents ? walker.value(doc.contents as YNode, 0) : undefined;
  return { file, value: walker.aborted ? undefined : value, diagnostics };
}

/** The repeated scalar key that starts at `offset`, with its range and its first definition's. */
function duplicateKeyAt(doc: Document.Parsed, offset: number): { key: string; range: [number, number]; first?: [number, number] } | undefined {
  let found: { key: string; range: [number, number]; first?: [number, number] } | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Map<string, [number, number]>();
      for (const pair of map.items) {
        const k = pair.key;
        if (!isScalar(k) || !k.range) continue;
        const name = String(k.value);
        if (k.range[0] === offset) {
          found = { key: name, range: [k.range[0], k.range[1]], ...(seen.has(name) ? { first: seen.get(name)! } : {}) };
          return visit.BREAK;
        }
        if (!seen.has(name)) seen.set(name, [k.range[0], k.range[1]]);
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Offset of the first `[` or `{` nested deeper than `limit` outside quotes and comments, or -1.
 * A rough scan (flow indicators inside plain scalars count too), used only as a safety net.
 */
export function flowNestingBeyond(text: string, limit: number): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\n')) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
    } else if (c === '[' || c === '{') {
      if (++depth > limit) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return -1;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

class Walker {
  aborted = false;
  /** Set by `value()`: whether the node just converted counts as an anchor container. */
  private anchored = false;
  private aliasNodes = 0;
  private aliasDepth = 0;

  constructor(
    private readonly file: SourceFile,
    private readonly doc: Document.Parsed,
    private readonly limits: ParseLimits,
    private readonly diagnostics: Diagnostic[],
  ) {}

  value(node: YNode | null, depth: number): unknown {
    this.anchored = false;
    if (this.aborted || node === null) return null;
    if (this.aliasDepth > 0 && ++this.aliasNodes > this.limits.maxAliasNodes) {
      return this.abort('yaml/alias-limit', `aliases expand to more than ${this.limits.maxAliasNodes} nodes`, node,
        'This looks like an alias bomb (anchors that refer to anchors many times over). Reduce alias use.');
    }
    if (depth > this.limits.maxDepth) {
      return this.abort('yaml/too-deep', `nesting is deeper than ${this.limits.maxDepth} levels`, node);
    }
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) return this.abort('yaml/syntax', `unknown alias *${node.source}`, node);
      this.aliasDepth++;
      const v = this.value(target as YNode, depth);
      this.aliasDepth--;
      this.anchored = true;
      return v;
    }
    if (isScalar(node)) {
      this.anchored = Boolean(node.anchor);
      return scalarValue(node.value);
    }
    if (isMap(node)) return this.map(node, depth);
    if (isSeq(node)) return this.seq(node, depth);
    return this.abort('yaml/syntax', 'unsupported YAML node', node);
  }

  private map(node: YNode & { items: unknown[]; anchor?: string }, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const merges: YNode[] = [];
    let allAnchored = node.items.length > 0;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YNode | null;
      if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
        // `<<: *base` or `<<: [*a, *b]`: applied after the explicit keys, which always win.
        if (isSeq(pair.value)) merges.push(...(pair.value.items as YNode[]));
        else if (pair.value) merges.push(pair.value as YNode);
        continue;
      }
      if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
        this.diagnostics.push(
          diag('error', 'yaml/non-string-key', 'mapping keys must be plain strings', { span: this.spanOf(keyNode) }),
        );
        continue;
      }
      const key = String(keyNode.value);
      const valueNode = pair.value as YNode | null;
      const v = this.value(valueNode, depth + 1);
      allAnchored &&= this.anchored;
      defineKey(out, key, v);
      setLoc(out, key, this.loc(valueNode, keyNode, this.anchored));
    }
    for (const m of merges) this.applyMerge(out, m, depth);
    this.anchored = Boolean(node.anchor) || allAnchored;
    return out;
  }

  private applyMerge(out: Record<string, unknown>, source: YNode, depth: number): void {
    const resolved = isAlias(source) ? (source.resolve(this.doc) as YNode | undefined) : source;
    if (!isMap(resolved)) {
      this.diagnostics.push(diag('error', 'yaml/syntax', 'merge key `<<` needs a mapping or an alias to one', { span: this.spanOf(source) }));
      return;
    }
    this.aliasDepth++;
    const merged = this.map(resolved, depth) as Record<string, unknown>;
    this.aliasDepth--;
    for (const [k, v] of Object.entries(merged)) {
      if (Object.prototype.hasOwnProperty.call(out, k)) continue;
      defineKey(out, k, v);
      setLoc(out, k, locsOf(merged, k));
    }
  }

  private seq(node: YNode & { items: unknown[]; anchor?: string }, depth: number): unknown[] {
    const out: unknown[] = [];
    let allAnchored = node.items.length > 0;
    for (const item of node.items) {
      const itemNode = item as YNode | null;
      out.push(this.value(itemNode, depth + 1));
      allAnchored &&= this.anchored;
      setLoc(out, out.length - 1, this.loc(itemNode, null, this.anchored));
    }
    this.anchored = Boolean(node.anchor) || allAnchored;
    return out;
  }

  private loc(value: YNode | null, key: YNode | null, anchored: boolean): NodeLoc | undefined {
    const vr = value?.range;
    const kr = key?.range;
    if (!vr && !kr) return undefined;
    let valueStart = vr ? vr[0] : kr![1];
    let valueEnd = vr ? vr[1] : kr![1];
    if (kr && vr && vr[0] === vr[1]) {
      // `key:` with nothing after it: yaml puts the empty value after any trailing comment; the
      // reference CLI (and editors) point just after the colon.
      const colon = this.file.text.indexOf(':', kr[1]);
      if (colon >= 0 && colon < vr[0]) valueStart = valueEnd = colon + 1;
    }
    const loc: NodeLoc = { file: this.file, valueStart, valueEnd };
    if (kr) {
      loc.keyStart = kr[0];
      loc.keyEnd = kr[1];
    }
    if (anchored) loc.anchored = true;
    return loc;
  }

  private spanOf(node: YNode | null | undefined) {
    const r = node?.range;
    return r ? this.file.span(r[0], r[1]) : this.file.span(0, 0);
  }

  private abort(code: DiagCode, summary: string, node: YNode, detail?: string): null {
    if (!this.aborted) this.diagnostics.push(diag('error', code, summary, { span: this.spanOf(node), detail }));
    this.aborted = true;
    return null;
  }
}

/** Keeps integers exact: safe ones become numbers, larger ones stay bigint (job ids are int64). */
function scalarValue(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  return v;
}

/** Sets a key without letting `__proto__` reach the prototype chain. */
export function defineKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

