/**
 * Fault injection for the embedded workspace, so clients can be tested against the failures a
 * real workspace produces: latency, 429 with Retry-After, 5xx, and dropped connections.
 *
 * Syntax (option `faults` of startLocalWorkspace, `--faults`, or env JOBS_LOCAL_FAULTS):
 *
 *   rules   := rule (';' rule)*
 *   rule    := endpoint ':' fault (',' fault)*
 *   endpoint:= an endpoint name from api/endpoints.ts (`jobs/get`, `workspace/import`…), with
 *              `*` as a wildcard (`jobs/*`, `*`)
 *   fault   := 'latency=' DURATION ['..' DURATION]       add a delay (fixed or uniform range)
 *            | STATUS ['@' P | 'x' N]                    answer 429/500/503/504 (probability P,
 *                                                        default 1, or only the first N requests)
 *            | 'drop' ['@' P | 'x' N]                    close the connection before handling
 *            | 'drop-after' ['@' P | 'x' N]              handle (side effects happen), then close
 *                                                        the connection without answering
 *            | 'retry-after=' SECONDS                    Retry-After on this rule's 429/503
 *   DURATION:= number with ms or s
 *
 * Example: `jobs/get:latency=50ms;jobs/list:429@0.3,retry-after=1;*:drop@0.05`.
 * Every matching rule applies (latencies add up; the first status/drop that fires wins).
 * Randomness comes from a seeded generator (`seed`, env JOBS_LOCAL_FAULTS_SEED), so a test run
 * is repeatable. Pure except for the generator state.
 */

export interface FaultDecision {
  latencyMs: number;
  status?: number;
  retryAfter?: number;
  drop?: 'before' | 'after';
}

type Trigger = { kind: 'p'; p: number } | { kind: 'first'; n: number };
interface Action {
  what: number | 'drop' | 'drop-after';
  trigger: Trigger;
}
interface Rule {
  pattern: RegExp;
  latency?: [number, number];
  actions: Action[];
  retryAfter?: number;
  seen: number;
}

export class FaultSpecError extends Error {
  readonly code = 'local/bad-fault-spec';
}

export interface FaultInjector {
  decide(endpoint: string): FaultDecision;
}

export function parseFaults(spec: string, seed = 1): FaultInjector {
  const rules = spec.split(';').map((s) => s.trim()).filter(Boolean).map(parseRule);
  const random = mulberry32(seed);
  return {
    decide(endpoint) {
      const d: FaultDecision = { latencyMs: 0 };
      for (const rule of rules) {
        if (!rule.pattern.test(endpoint)) continue;
        rule.seen++;
        if (rule.latency) d.latencyMs += rule.latency[0] + random() * (rule.latency[1] - rule.latency[0]);
        for (const a of rule.actions) {
          const fires = a.trigger.kind === 'first' ? rule.seen <= a.trigger.n : random() < a.trigger.p;
          if (!fires || d.status !== undefined || d.drop !== undefined) continue;
          if (a.what === 'drop') d.drop = 'before';
          else if (a.what === 'drop-after') d.drop = 'after';
          else {
            d.status = a.what;
            if (rule.retryAfter !== undefined) d.retryAfter = rule.retryAfter;
          }
        }
      }
      d.latencyMs = Math.round(d.latencyMs);
      return d;
    },
  };
}

function parseRule(text: string): Rule {
  const colon = text.lastIndexOf(':');
  if (colon <= 0) throw new FaultSpecError(`fault rule "${text}": expected <endpoint>:<fault>[,<fault>…]`);
  const endpoint = text.slice(0, colon).trim();
  const rule: Rule = { pattern: globToRegExp(endpoint), actions: [], seen: 0 };
  for (const f of text.slice(colon + 1).split(',').map((s) => s.trim()).filter(Boolean)) {
    let m: RegExpExecArray | null;
    if ((m = /^latency=([\d.]+(?:ms|s))(?:\.\.([\d.]+(?:ms|s)))?$/.exec(f))) {
      const lo = duration(m[1] as string);
      rule.latency = [lo, m[2] ? duration(m[2]) : lo];
    } else if ((m = /^retry-after=(\d+)$/.exec(f))) rule.retryAfter = Number(m[1]);
    else if ((m = /^(429|500|502|503|504|drop-after|drop)(?:@([\d.]+)|x(\d+))?$/.exec(f))) {
      const what = /^\d+$/.test(m[1] as string) ? Number(m[1]) : (m[1] as 'drop' | 'drop-after');
      const trigger: Trigger = m[3] !== undefined ? { kind: 'first', n: Number(m[3]) } : { kind: 'p', p: m[2] !== undefined ? Number(m[2]) : 1 };
      if (trigger.kind === 'p' && !(trigger.p >= 0 && trigger.p <= 1)) throw new FaultSpecError(`fault "${f}": probability must be between 0 and 1`);
      rule.actions.push({ what, trigger });
    } else throw new FaultSpecError(`fault "${f}" in rule "${text}" is not understood (see src/local/faults.ts)`);
  }
  return rule;
}

function duration(text: string): number {
  return text.endsWith('ms') ? Number(text.slice(0, -2)) : Number(text.slice(0, -1)) * 1000;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`);
}

/** A small seeded PRNG (mulberry32): repeatable fault patterns per seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
