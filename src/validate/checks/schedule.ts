/**
 * Check: a job's schedule and triggers would be accepted by the workspace and mean what they say.
 * Reads `schedule`, `trigger`, `triggers[]` and `continuous` of each job; reports Quartz errors and
 * warnings (pointing at the offending cron field inside the string), Java zone ids, pause states,
 * trigger variants and their rules (timers >= 60 s, catalog.schema.table names, enums).
 *
 * Values that still hold an unresolved `${…}` (a deploy-time lookup) are skipped silently: they
 * are checked where they are resolved.
 */
import { analyzeCron, checkTimeZone, type CronFinding } from '../../cron/index.js';
import type { DiagCode } from '../../diag/codes.js';
import { diag, type ConfigPath, type Diagnostic } from '../../diag/diagnostic.js';
import { spanAt, spanInString } from '../../source/locations.js';
import type { BundleCheck, CheckInput } from '../check.js';

export interface ScheduleCheckOptions {
  /** "Now", to report year fields that have already ended. Without it that one warning is skipped. */
  now?: Date;
}

const PAUSE = ['PAUSED', 'UNPAUSED'];
const UNITS = ['MINUTES', 'HOURS', 'DAYS', 'WEEKS'];
const TABLE_CONDITIONS = ['ANY_UPDATED', 'ALL_UPDATED'];
const MODEL_CONDITIONS = ['MODEL_CREATED', 'MODEL_VERSION_READY', 'MODEL_ALIAS_SET'];
/** Variants of the job-level `trigger` (`table` is the deprecated name of `table_update`). */
const TRIGGER_VARIANTS = ['periodic', 'file_arrival', 'table_update', 'table', 'model'];
/** Variants of an entry of the (preview) `triggers` list. */
const ENTRY_VARIANTS = ['periodic', 'schedule', 'continuous', 'file_arrival', 'table_update', 'model'];
const TIMERS = ['min_time_between_triggers_seconds', 'wait_after_last_change_seconds'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const unresolved = (v: unknown): boolean => typeof v === 'string' && v.includes('${');

/** Builds the check; `scheduleCheck` below is the clock-free instance. */
export function createScheduleCheck(options: ScheduleCheckOptions = {}): BundleCheck {
  return (input) => {
    const out: Diagnostic[] = [];
    const c = new Checker(input, out, (options.now ?? input.now)?.getTime());
    for (const job of input.jobs) c.job(job.path, job.settings);
    return out;
  };
}

/** The schedule/trigger check, ready to register in the validate pipeline. */
export const scheduleCheck: BundleCheck = createScheduleCheck();

class Checker {
  constructor(
    private readonly input: CheckInput,
    private readonly out: Diagnostic[],
    private readonly now: number | undefined,
  ) {}

  job(path: ConfigPath, s: Obj): void {
    if (isObj(s.schedule)) this.schedule([...path, 'schedule'], s.schedule);
    if (isObj(s.trigger)) this.trigger([...path, 'trigger'], s.trigger, TRIGGER_VARIANTS);
    if (Array.isArray(s.triggers)) s.triggers.forEach((t, i) => isObj(t) && this.trigger([...path, 'triggers', i], t, ENTRY_VARIANTS));
    if (s.schedule !== undefined && s.continuous !== undefined) {
      this.error('schedule/exclusive', 'a job cannot have both schedule and continuous', [...path, 'continuous'], 'key', 'Keep one: continuous keeps a run going; schedule starts runs at fixed times.');
    }
    if (s.triggers !== undefined) {
      for (const k of ['schedule', 'trigger', 'continuous']) {
        if (s[k] !== undefined) this.error('schedule/exclusive', `triggers cannot be combined with ${k}`, [...path, k], 'key', `Move ${k} into an entry of triggers.`);
      }
    }
  }

  private schedule(path: ConfigPath, s: Obj): void {
    const expr = s.quartz_cron_expression;
    if (expr === undefined) this.required(path, 'quartz_cron_expression', 'e.g. quartz_cron_expression: "0 0 2 * * ?" (seconds first)');
    else if (typeof expr === 'string' && !unresolved(expr)) {
      const found = analyzeCron(expr, this.now === undefined ? {} : { from: this.now }).findings;
      this.findings([...path, 'quartz_cron_expression'], found);
    }
    const tz = s.timezone_id;
    if (tz === undefined) this.required(path, 'timezone_id', 'e.g. timezone_id: Europe/Amsterdam (a Java zone id; UTC is fine)');
    else if (typeof tz === 'string' && !unresolved(tz)) this.findings([...path, 'timezone_id'], checkTimeZone(tz));
    this.pauseStatus(path, s);
  }

  private trigger(path: ConfigPath, t: Obj, variants: string[]): void {
    this.pauseStatus(path, t);
    const set = variants.filter((v) => t[v] !== undefined && t[v] !== null);
    if (set.length !== 1) {
      const what = set.length === 0 ? `sets none of ${variants.join(', ')}` : `sets ${set.join(' and ')}`;
      this.error('trigger/variant', `a trigger must set exactly one variant; this one ${what}`, path, 'key', `Keep exactly one of: ${variants.join(', ')}.`);
    }
    for (const v of set) {
      const body = t[v];
      if (!isObj(body)) continue;
      const p = [...path, v];
      if (v === 'schedule') this.schedule(p, body);
      else if (v === 'periodic') this.periodic(p, body);
      else if (v === 'file_arrival') this.fileArrival(p, body);
      else if (v === 'table_update' || v === 'table') this.tableUpdate(p, body);
      else if (v === 'model') this.model(p, body);
    }
  }

  private periodic(path: ConfigPath, p: Obj): void {
    const { interval, unit } = p;
    if (interval === undefined) this.required(path, 'interval', 'e.g. interval: 1');
    else if (!unresolved(interval) && !(Number.isInteger(interval) && (interval as number) > 0)) {
      this.error('trigger/interval', `interval must be a positive integer, not ${JSON.stringify(interval)}`, [...path, 'interval'], 'value');
    }
    if (unit === undefined) this.required(path, 'unit', `one of ${UNITS.join(', ')}`);
    else this.oneOf('trigger/unit', [...path, 'unit'], unit, UNITS);
  }

  private fileArrival(path: ConfigPath, f: Obj): void {
    if (f.url === undefined || f.url === '') this.required(path, 'url', 'the root or a sub-path of a Unity Catalog external location or volume');
    this.timers(path, f);
  }

  private tableUpdate(path: ConfigPath, t: Obj): void {
    const names = t.table_names;
    if (names === undefined || (Array.isArray(names) && names.length === 0)) {
      this.required(path, 'table_names', 'at least one table, as catalog.schema.table');
    } else if (Array.isArray(names)) {
      names.forEach((n, i) => {
        if (typeof n === 'string' && !unresolved(n) && !/^[^.\s]+\.[^.\s]+\.[^.\s]+$/.test(n)) {
          this.error('trigger/table-name', `"${n}" is not a full table name (catalog.schema.table)`, [...path, 'table_names', i], 'value', 'Table update triggers need the three-level Unity Catalog name.');
        }
      });
    }
    if (t.condition !== undefined) this.oneOf('trigger/condition', [...path, 'condition'], t.condition, TABLE_CONDITIONS);
    this.timers(path, t);
  }

  private model(path: ConfigPath, m: Obj): void {
    if (m.condition !== undefined) this.oneOf('trigger/condition', [...path, 'condition'], m.condition, MODEL_CONDITIONS);
    this.timers(path, m);
  }

  private timers(path: ConfigPath, o: Obj): void {
    for (const k of TIMERS) {
      const v = o[k];
      if (v === undefined || v === null || unresolved(v)) continue;
      if (typeof v !== 'number' || v < 60) {
        this.error('trigger/min-seconds', `${k} must be at least 60 seconds, not ${JSON.stringify(v)}`, [...path, k], 'value', 'Databricks rejects trigger timers below 60 s.');
      }
    }
  }

  private pauseStatus(path: ConfigPath, o: Obj): void {
    if (o.pause_status !== undefined) this.oneOf('schedule/pause-status', [...path, 'pause_status'], o.pause_status, PAUSE);
  }

  private oneOf(code: DiagCode, path: ConfigPath, v: unknown, allowed: string[]): void {
    if (unresolved(v) || (typeof v === 'string' && allowed.includes(v))) return;
    this.error(code, `${JSON.stringify(v)} is not one of ${allowed.join(', ')}`, path, 'value');
  }

  private required(parent: ConfigPath, field: string, hint: string): void {
    this.error('schedule/required', `${field} is required`, [...parent, field], 'parent', hint);
  }

  private findings(path: ConfigPath, found: CronFinding[]): void {
    for (const f of found) {
      const span = spanInString(this.input.config, path, f.from, f.to) ?? spanAt(this.input.config, path);
      const detail = f.suggestion && !f.detail?.includes(f.suggestion) ? `${f.detail ?? ''} Suggested: ${f.suggestion}`.trim() : f.detail;
      this.out.push(diag(f.severity, f.code, f.summary, { path, span, detail }));
    }
  }

  private error(code: DiagCode, summary: string, path: ConfigPath, at: 'key' | 'value' | 'parent', detail?: string): void {
    // Missing fields point at their parent's key, as the reference CLI does.
    const span = at === 'parent' ? spanAt(this.input.config, path.slice(0, -1), 'key') : spanAt(this.input.config, path, at);
    this.out.push(diag('error', code, summary, { path, span, detail }));
  }
}
