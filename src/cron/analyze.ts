/**
 * The cron module's front door: one call that parses an expression as Quartz does, explains a
 * rejection, lints an acceptance, describes it, and (for `jobs cron next`) lists fire times in a
 * Java time zone. Pure: `from` is an argument, never the clock.
 */
import { describeQuartz } from './describe.js';
import { explainError } from './explain-error.js';
import { finding, type CronFinding } from './finding.js';
import { fireTimes, type FireTimesEnd } from './fire-times.js';
import { javaTimeZone, type JavaTimeZone } from './java-zone.js';
import { lintQuartz } from './lint.js';
import { DAY_OF_MONTH, MONTH, parseQuartz, YEAR, type QuartzParse, type QuartzSpec } from './quartz-parse.js';
import { checkTimeZone } from './timezone-check.js';
import { fixedZone } from './zone-rules.js';

export interface AnalyzeOptions {
  /**
   * The instant schedules are judged from (e.g. now). With it, year ranges that ended before it
   * are reported as never firing; without it only dates that never exist are.
   */
  from?: number;
  /** Quartz's MAX_YEAR (the year Quartz runs in + 100). Default: year of `from` + 100. */
  maxYear?: number;
}

export interface CronAnalysis {
  expr: string;
  /** Quartz 2.3.2 accepts the expression. Warnings do not make it invalid. */
  valid: boolean;
  findings: CronFinding[];
  parse: QuartzParse;
  spec?: QuartzSpec;
  /** Plain English, for valid expressions. */
  description?: string;
}

const GMT = fixedZone('GMT', 0);
const yearOf = (ms: number) => new Date(ms).getUTCFullYear();

export function analyzeCron(expr: string, options: AnalyzeOptions = {}): CronAnalysis {
  const maxYear = options.maxYear ?? (options.from !== undefined ? yearOf(options.from) + 100 : undefined);
  const parse = parseQuartz(expr, { maxYear });
  if (parse.error || !parse.spec) return { expr, valid: false, findings: [explainError(parse)], parse };
  const spec = parse.spec;
  const findings = lintQuartz(parse);
  if (!findings.some((f) => f.code === 'cron/unusable')) {
    const never = neverFires(parse, spec, options.from, maxYear);
    if (never) findings.push(never);
  }
  return { expr, valid: true, findings, parse, spec, description: describeQuartz(spec) };
}

/** A warning when no fire time exists after `from` (or, without `from`, ever). */
function neverFires(parse: QuartzParse, spec: QuartzSpec, from: number | undefined, maxYear: number | undefined): CronFinding | undefined {
  const explicitYears = spec.sets[YEAR]!.filter((y) => y !== 99);
  const closedYears = spec.openYears.length === 0 && explicitYears.length > 0;
  const searchFrom = from ?? (closedYears ? yearStart(explicitYears[0]!) - 1000 : Date.UTC(2000, 0, 1));
  // Without a reference instant, one 400-year Gregorian cycle shows whether a date ever exists.
  const horizon = maxYear ?? (closedYears ? Math.min(explicitYears[explicitYears.length - 1]!, 2999) : 2400);
  if (fireTimes(spec, GMT, searchFrom, 1, { maxYear: horizon }).times.length > 0) return undefined;
  const yearField = parse.fields[YEAR];
  if (from !== undefined && yearField && closedYears && explicitYears[explicitYears.length - 1]! <= yearOf(from)) {
    const last = explicitYears[explicitYears.length - 1]!;
    return finding('warning', 'cron/never-fires', `the year field ends in ${last}: no fire time after ${new Date(from).toISOString().slice(0, 10)}`, yearField, {
      detail: 'Quartz accepts past years but the schedule never runs. Remove the year field or extend it.',
    });
  }
  const dom = parse.fields[DAY_OF_MONTH]!;
  const month = parse.fields[MONTH]!;
  return finding('warning', 'cron/never-fires', 'this schedule has no fire time: the date it asks for never occurs', { start: dom.start, end: month.end }, {
    detail: 'Check day-of-month against the month (30 February, 31 April) and the year field.',
  });
}

function yearStart(year: number): number {
  const d = new Date(Date.UTC(2000, 0, 1));
  d.setUTCFullYear(year);
  return d.getTime();
}

export interface PreviewOptions extends AnalyzeOptions {
  /** Java time-zone id; default UTC. */
  timezone?: string;
  /** Start instant (required: the caller owns the clock). */
  from: number;
  /** How many fire times; default 5. */
  count?: number;
}

export interface CronPreview {
  /** Expression and zone are both valid. */
  valid: boolean;
  expression: CronAnalysis;
  timezone: { id: string; findings: CronFinding[]; java: JavaTimeZone };
  /** Fire times (UTC ms) when valid. */
  next: number[];
  end?: FireTimesEnd;
}

/** Validate, describe and list the next fire times, like the Jobs UI's "preview next runs". */
export function previewCron(expr: string, options: PreviewOptions): CronPreview {
  const id = options.timezone ?? 'UTC';
  const expression = analyzeCron(expr, options);
  const zoneFindings = checkTimeZone(id);
  const java = javaTimeZone(id);
  const valid = expression.valid && !zoneFindings.some((f) => f.severity === 'error');
  const preview: CronPreview = { valid, expression, timezone: { id, findings: zoneFindings, java }, next: [] };
  if (valid && expression.spec) {
    const r = fireTimes(expression.spec, java.rules, options.from, options.count ?? 5, { maxYear: options.maxYear });
    preview.next = r.times;
    preview.end = r.end;
  }
  return preview;
}
