/**
 * A small jq evaluator for the filters the corpus's `json_checks` use: paths (`.a.b[0]`,
 * `.a[]`), pipes, `select(.x == "s")`, `del(.x)`, `pick(.x)`, `map(f)`, and object
 * construction (`{a, b: .c}`). Each filter yields a stream of values, as in jq.
 */
type Filter = (input: unknown) => unknown[];

export function jq(filter: string, input: unknown): unknown[] {
  const p = new Parser(filter);
  const f = p.pipeline();
  p.expectEnd();
  return f(input);
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  pipeline(): Filter {
    const parts = [this.term()];
    while (this.eat('|')) parts.push(this.term());
    return (input) => parts.reduce<unknown[]>((acc, f) => acc.flatMap((v) => f(v)), [input]);
  }

  private term(): Filter {
    this.ws();
    for (const fn of ['select', 'del', 'map', 'pick'] as const) {
      if (this.s.startsWith(`${fn}(`, this.i)) {
        this.i += fn.length + 1;
        const f = fn === 'select' ? this.condition() : fn === 'map' ? this.pipeline() : this.pathFilter();
        this.expect(')');
        return builtins[fn](f, fn === 'del' || fn === 'pick' ? this.lastPath : []);
      }
    }
    if (this.peek() === '{') return this.object();
    return this.pathFilter();
  }

  lastPath: (string | number | null)[] = [];

  private pathFilter(): Filter {
    this.ws();
    this.expect('.');
    const steps: (string | number | null)[] = [];
    const ident = () => /[A-Za-z0-9_]/.test(this.peek());
    if (ident()) steps.push(this.ident());
    for (;;) {
      if (this.peek() === '.' && /[A-Za-z_]/.test(this.s[this.i + 1] ?? '')) {
        this.i++;
        steps.push(this.ident());
      } else if (this.peek() === '[') {
        this.i++;
        const m = /^\d+/.exec(this.s.slice(this.i));
        if (m) this.i += m[0].length;
        this.expect(']');
        steps.push(m ? Number(m[0]) : null);
      } else break;
    }
    this.lastPath = steps;
    return (input) => walk(input, steps);
  }

  private condition(): Filter {
    const left = this.pathFilter();
    this.ws();
    this.expect('==');
    this.ws();
    const m = /^"((?:[^"\\]|\\.)*)"/.exec(this.s.slice(this.i));
    if (!m) throw new Error(`jq-lite: expected a string at ${this.i} in ${this.s}`);
    this.i += m[0].length;
    const right = JSON.parse(`"${m[1]}"`) as string;
    return (input) => left(input).map((v) => v === right);
  }

  private object(): Filter {
    this.expect('{');
    const fields: [string, Filter][] = [];
    do {
      this.ws();
      const key = this.ident();
      this.ws();
      if (this.eat(':')) fields.push([key, this.pipelineUntil()]);
      else fields.push([key, (input) => walk(input, [key])]);
    } while (this.eat(','));
    this.expect('}');
    return (input) => [Object.fromEntries(fields.map(([k, f]) => [k, f(input)[0] ?? null]))];
  }

  /** A pipeline inside an object value stops at `,` or `}`. */
  private pipelineUntil(): Filter {
    return this.term();
  }

  private ident(): string {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i));
    if (!m) throw new Error(`jq-lite: expected a name at ${this.i} in ${this.s}`);
    this.i += m[0].length;
    return m[0];
  }

  private ws(): void {
    while (this.s[this.i] === ' ') this.i++;
  }
  private peek(): string {
    return this.s[this.i] ?? '';
  }
  private eat(tok: string): boolean {
    this.ws();
    if (this.s.startsWith(tok, this.i)) {
      this.i += tok.length;
      return true;
    }
    return false;
  }
  private expect(tok: string): void {
    if (!this.eat(tok)) throw new Error(`jq-lite: expected "${tok}" at ${this.i} in ${this.s}`);
  }
  expectEnd(): void {
    this.ws();
    if (this.i !== this.s.length) throw new Error(`jq-lite: unsupported syntax at ${this.i} in ${this.s}`);
  }
}

function walk(input: unknown, steps: (string | number | null)[]): unknown[] {
  let cur: unknown[] = [input];
  for (const step of steps) {
    cur = cur.flatMap((v) => {
      if (step === null) return Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : [];
      if (v === null || typeof v !== 'object') return [null];
      return [(v as Record<string | number, unknown>)[step] ?? null];
    });
  }
  return cur;
}

const builtins = {
  select: (cond: Filter) => (input: unknown) => (cond(input).some((b) => b === true) ? [input] : []),
  map: (f: Filter) => (input: unknown) => [Array.isArray(input) ? input.flatMap((v) => f(v)) : []],
  del: (_f: Filter, path: (string | number | null)[]) => (input: unknown) => [edit(input, path, 'del')],
  pick: (_f: Filter, path: (string | number | null)[]) => (input: unknown) => [edit(input, path, 'pick')],
};

function edit(input: unknown, path: (string | number | null)[], mode: 'del' | 'pick'): unknown {
  const copy = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
  if (path.length !== 1 || typeof path[0] !== 'string') throw new Error('jq-lite: del/pick support one key');
  const k = path[0];
  if (mode === 'del') {
    delete copy[k];
    return copy;
  }
  return { [k]: copy[k] ?? null };
}
