/**
 * What starts a job's runs by itself (job-settings.md §1.1): a Quartz `schedule` in its time zone,
 * `trigger` (periodic, file arrival; table-update and model triggers have nothing to watch here),
 * `continuous`, or the preview `triggers` list. Paused triggers are left out. Pure.
 */
import type { JobSettings, Loose } from '../../api/jobs.js';
import { fireTimes } from '../../cron/fire-times.js';
import { javaTimeZone } from '../../cron/java-zone.js';
import { parseQuartz } from '../../cron/quartz-parse.js';

export type TriggerSpec =
  | { kind: 'cron'; expr: string; timezone: string }
  | { kind: 'periodic'; everyMs: number }
  | { kind: 'file_arrival'; url: string; minBetweenMs: number; waitAfterChangeMs: number }
  | { kind: 'continuous' }
  /** Known trigger the local workspace cannot watch (table update, model): reported once. */
  | { kind: 'unsupported'; what: string };

const UNIT_MS: Record<string, number> = { MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000, WEEKS: 604_800_000 };

const paused = (x: Loose | undefined): boolean => x?.pause_status === 'PAUSED';

/** The active triggers of a job. */
export function triggersOf(settings: JobSettings): TriggerSpec[] {
  const out: TriggerSpec[] = [];
  const schedule = settings.schedule;
  if (schedule && !paused(schedule)) out.push(cron(schedule));
  const trigger = settings.trigger;
  if (trigger && !paused(trigger)) out.push(...variant(trigger));
  const continuous = settings.continuous;
  if (continuous && !paused(continuous)) out.push({ kind: 'continuous' });
  for (const t of (settings.triggers ?? []) as Loose[]) {
    if (paused(t)) continue;
    if (t.schedule) out.push(cron(t.schedule as Loose));
    else if (t.continuous) out.push({ kind: 'continuous' });
    else out.push(...variant(t));
  }
  return out;
}

function cron(s: Loose): TriggerSpec {
  return { kind: 'cron', expr: String(s.quartz_cron_expression ?? ''), timezone: String(s.timezone_id ?? 'UTC') };
}

function variant(t: Loose): TriggerSpec[] {
  const periodic = t.periodic as Loose | undefined;
  if (periodic) {
    const every = Number(periodic.interval) * (UNIT_MS[String(periodic.unit)] ?? 0);
    return every > 0 ? [{ kind: 'periodic', everyMs: every }] : [];
  }
  const file = t.file_arrival as Loose | undefined;
  if (file) {
    return [{
      kind: 'file_arrival', url: String(file.url ?? ''),
      minBetweenMs: Number(file.min_time_between_triggers_seconds ?? 0) * 1000,
      waitAfterChangeMs: Number(file.wait_after_last_change_seconds ?? 0) * 1000,
    }];
  }
  if (t.table_update) return [{ kind: 'unsupported', what: 'table_update' }];
  if (t.model) return [{ kind: 'unsupported', what: 'model' }];
  return [];
}

/** The first fire time strictly after `fromMs`, or undefined when the schedule never fires. */
export function nextCronFire(expr: string, timezone: string, fromMs: number): number | undefined {
  const parsed = parseQuartz(expr);
  if (!parsed.spec) return undefined;
  return fireTimes(parsed.spec, javaTimeZone(timezone).rules, fromMs, 1).times[0];
}

/** Continuous jobs restart at once after a success and back off after consecutive failures. */
export function continuousDelay(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  return Math.min(10_000 * 2 ** (consecutiveFailures - 1), 10 * 60_000);
}
