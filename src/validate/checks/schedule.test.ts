import { describe, expect, it } from 'vitest';
import { parseYamlText } from '../../source/parse-yaml.js';
import { jobViews } from '../check.js';
import { createScheduleCheck, scheduleCheck } from './schedule.js';

function run(yaml: string, check = scheduleCheck) {
  const config = parseYamlText('/b/databricks.yml', yaml).value as Record<string, unknown>;
  return check({ config, jobs: jobViews(config) });
}
/** [code, severity, line, column, path] per diagnostic. */
const found = (yaml: string, check = scheduleCheck) =>
  run(yaml, check).map((d) => [d.code, d.severity, d.span?.start.line, d.span?.start.column, d.path?.slice(3).join('.')]);

const job = (body: string) => `resources:\n  jobs:\n    etl:\n${body.replace(/^/gm, '      ')}\n`;

describe('scheduleCheck: schedule', () => {
  it('accepts a valid schedule', () => {
    expect(found(job('schedule:\n  quartz_cron_expression: "0 0 2 * * ?"\n  timezone_id: Europe/Warsaw\n  pause_status: UNPAUSED'))).toEqual([]);
  });

  it('points at the offending field inside the expression', () => {
    // line 5: `      schedule:` … line 6: `        quartz_cron_expression: "0 0 12 * * *"`; the last * is column 45.
    expect(found(job('schedule:\n  quartz_cron_expression: "0 0 12 * * *"\n  timezone_id: UTC'))).toEqual([
      ['cron/both-days', 'error', 5, 45, 'schedule.quartz_cron_expression'],
    ]);
    expect(found(job('schedule:\n  quartz_cron_expression: 0 0 99 * * ?\n  timezone_id: UTC'))).toEqual([
      ['cron/magic-number', 'warning', 5, 37, 'schedule.quartz_cron_expression'],
    ]);
  });

  it('reports a Unix expression over the whole value', () => {
    expect(found(job("schedule:\n  quartz_cron_expression: '0 12 * * 1-5'\n  timezone_id: UTC"))).toEqual([
      ['cron/field-count', 'error', 5, 34, 'schedule.quartz_cron_expression'],
    ]);
  });

  it('requires the expression and the zone, at the schedule key', () => {
    expect(found(job('schedule:\n  pause_status: PAUSED'))).toEqual([
      ['schedule/required', 'error', 4, 7, 'schedule.quartz_cron_expression'],
      ['schedule/required', 'error', 4, 7, 'schedule.timezone_id'],
    ]);
  });

  it('checks zone ids and pause_status', () => {
    expect(found(job('schedule:\n  quartz_cron_expression: "0 0 2 * * ?"\n  timezone_id: Europe/Warsow\n  pause_status: STOPPED'))).toEqual([
      ['cron/unknown-timezone', 'error', 6, 22, 'schedule.timezone_id'],
      ['schedule/pause-status', 'error', 7, 23, 'schedule.pause_status'],
    ]);
  });

  it('skips values that are still ${…} references', () => {
    expect(found(job('schedule:\n  quartz_cron_expression: "${var.cron}"\n  timezone_id: ${var.tz}\n  pause_status: ${var.paused}'))).toEqual([]);
  });

  it('reports past year ranges only when it knows the time', () => {
    const yaml = job('schedule:\n  quartz_cron_expression: "0 0 0 1 1 ? 2020"\n  timezone_id: UTC');
    expect(found(yaml)).toEqual([]);
    expect(found(yaml, createScheduleCheck({ now: new Date('2026-11-21T00:00:00Z') })).map((d) => d[0])).toEqual(['cron/never-fires']);
  });

  it('rejects schedule together with continuous', () => {
    expect(found(job('schedule:\n  quartz_cron_expression: "0 0 2 * * ?"\n  timezone_id: UTC\ncontinuous:\n  pause_status: UNPAUSED'))).toEqual([
      ['schedule/exclusive', 'error', 7, 7, 'continuous'],
    ]);
  });
});

describe('scheduleCheck: triggers', () => {
  it('accepts valid triggers', () => {
    expect(found(job('trigger:\n  pause_status: PAUSED\n  periodic:\n    interval: 4\n    unit: HOURS'))).toEqual([]);
    expect(found(job('trigger:\n  table_update:\n    table_names: [main.sales.orders]\n    condition: ALL_UPDATED\n    wait_after_last_change_seconds: 60'))).toEqual([]);
  });

  it('needs exactly one variant', () => {
    expect(found(job('trigger:\n  pause_status: PAUSED'))).toEqual([['trigger/variant', 'error', 4, 7, 'trigger']]);
    expect(found(job('trigger:\n  periodic: {interval: 1, unit: DAYS}\n  file_arrival: {url: /Volumes/a/b/c}'))).toEqual([['trigger/variant', 'error', 4, 7, 'trigger']]);
  });

  it('checks periodic, file arrival and table update rules', () => {
    expect(found(job('trigger:\n  periodic:\n    interval: 0\n    unit: SECONDS'))).toEqual([
      ['trigger/interval', 'error', 6, 21, 'trigger.periodic.interval'],
      ['trigger/unit', 'error', 7, 17, 'trigger.periodic.unit'],
    ]);
    expect(found(job('trigger:\n  file_arrival:\n    min_time_between_triggers_seconds: 30'))).toEqual([
      ['schedule/required', 'error', 5, 9, 'trigger.file_arrival.url'],
      ['trigger/min-seconds', 'error', 6, 46, 'trigger.file_arrival.min_time_between_triggers_seconds'],
    ]);
    expect(found(job('trigger:\n  table_update:\n    table_names: [orders, main.sales.orders]\n    condition: SOME_UPDATED'))).toEqual([
      ['trigger/table-name', 'error', 6, 25, 'trigger.table_update.table_names.0'],
      ['trigger/condition', 'error', 7, 22, 'trigger.table_update.condition'],
    ]);
    expect(found(job('trigger:\n  table_update:\n    table_names: []'))).toEqual([['schedule/required', 'error', 5, 9, 'trigger.table_update.table_names']]);
  });

  it('checks each triggers[] entry, including its schedule', () => {
    const yaml = job('triggers:\n  - schedule:\n      quartz_cron_expression: "0 0 2 * * *"\n      timezone_id: UTC\n  - pause_status: PAUSED');
    expect(found(yaml)).toEqual([
      ['cron/both-days', 'error', 6, 48, 'triggers.0.schedule.quartz_cron_expression'],
      ['trigger/variant', 'error', 8, 11, 'triggers.1'],
    ]);
  });

  it('rejects triggers combined with schedule', () => {
    const yaml = job('schedule:\n  quartz_cron_expression: "0 0 2 * * ?"\n  timezone_id: UTC\ntriggers:\n  - periodic: {interval: 1, unit: DAYS}');
    expect(found(yaml)).toEqual([['schedule/exclusive', 'error', 4, 7, 'schedule']]);
  });
});
