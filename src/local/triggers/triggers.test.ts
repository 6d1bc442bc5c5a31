import { describe, expect, it } from 'vitest';
import type { Int64 } from '../../api/json.js';
import type { JobSettings } from '../../api/jobs.js';
import type { EngineClock } from '../../ports/engine.js';
import type { RunControl, RunOrigin } from '../runs/executor.js';
import type { StoredRun } from '../runs/model.js';
import type { StoredJob } from '../store/model.js';
import { localFolderFor, observe, startWatch } from './file-arrival.js';
import { continuousDelay, nextCronFire, triggersOf } from './plan.js';
import { TriggerService } from './service.js';

const T0 = Date.UTC(2026, 10, 21, 9, 59, 30); // Sat 21 Nov 2026 09:59:30 UTC

describe('triggersOf', () => {
  it('lists active triggers and leaves paused ones out', () => {
    expect(triggersOf({ schedule: { quartz_cron_expression: '0 0 2 * * ?', timezone_id: 'Europe/Warsaw' } })).toEqual([{ kind: 'cron', expr: '0 0 2 * * ?', timezone: 'Europe/Warsaw' }]);
    expect(triggersOf({ schedule: { quartz_cron_expression: '0 0 2 * * ?', timezone_id: 'UTC', pause_status: 'PAUSED' } })).toEqual([]);
    expect(triggersOf({ trigger: { periodic: { interval: 2, unit: 'HOURS' } } })).toEqual([{ kind: 'periodic', everyMs: 7_200_000 }]);
    expect(triggersOf({ trigger: { pause_status: 'PAUSED', periodic: { interval: 1, unit: 'DAYS' } } })).toEqual([]);
    expect(triggersOf({ trigger: { file_arrival: { url: 's3://b/in/', min_time_between_triggers_seconds: 60, wait_after_last_change_seconds: 120 } } }))
      .toEqual([{ kind: 'file_arrival', url: 's3://b/in/', minBetweenMs: 60_000, waitAfterChangeMs: 120_000 }]);
    expect(triggersOf({ continuous: { pause_status: 'UNPAUSED' } })).toEqual([{ kind: 'continuous' }]);
    expect(triggersOf({ trigger: { table_update: { table_names: ['a.b.c'] } } })).toEqual([{ kind: 'unsupported', what: 'table_update' }]);
    expect(triggersOf({ triggers: [{ periodic: { interval: 5, unit: 'MINUTES' } }, { schedule: { quartz_cron_expression: '0 0 * * * ?', timezone_id: 'UTC' }, pause_status: 'PAUSED' }] } as JobSettings))
      .toEqual([{ kind: 'periodic', everyMs: 300_000 }]);
  });

  it('computes Quartz fire times in the schedule time zone', () => {
    // 02:00 in Warsaw (UTC+1 in November) is 01:00 UTC.
    expect(new Date(nextCronFire('0 0 2 * * ?', 'Europe/Warsaw', T0) as number).toISOString()).toBe('2026-11-22T01:00:00.000Z');
    expect(new Date(nextCronFire('0 0 9 ? * MON-FRI', 'UTC', T0) as number).toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(nextCronFire('not cron', 'UTC', T0)).toBeUndefined();
  });

  it('backs continuous restarts off after failures', () => {
    expect([0, 1, 2, 3, 20].map(continuousDelay)).toEqual([0, 10_000, 20_000, 40_000, 600_000]);
  });
});

describe('file arrival', () => {
  it('maps trigger URLs to local folders', () => {
    expect(localFolderFor('file:///srv/landing/', '/d')).toBe('/srv/landing/');
    expect(localFolderFor('/Volumes/main/raw/landing/orders/', '/d')).toBe('/d/volumes/main/raw/landing/orders');
    expect(localFolderFor('s3://bucket/in/x', '/d')).toBe('/d/external/s3/bucket/in/x');
    expect(localFolderFor('abfss://c@acct.dfs.core.windows.net/p', '/d')).toBe('/d/external/abfss/c@acct.dfs.core.windows.net/p');
    expect(localFolderFor('relative/path', '/d')).toBeUndefined();
  });

  it('fires for new files only, after the quiet period, spaced by the minimum interval', () => {
    const opts = { minBetweenMs: 60_000, waitAfterChangeMs: 10_000 };
    let state = startWatch([{ path: '/in/old.csv', size: 1, mtimeMs: 1 }]);
    let r = observe(state, [{ path: '/in/old.csv', size: 1, mtimeMs: 1 }], 0, opts);
    expect(r.fire).toBe(false);
    r = observe(r.state, [{ path: '/in/old.csv', size: 1, mtimeMs: 1 }, { path: '/in/a.csv', size: 5, mtimeMs: 2 }], 1000, opts);
    expect(r.fire).toBe(false); // still within wait_after_last_change
    r = observe(r.state, [{ path: '/in/a.csv', size: 9, mtimeMs: 3 }], 6000, opts);
    expect(r.fire).toBe(false); // it changed again: the quiet period restarts
    r = observe(r.state, [{ path: '/in/a.csv', size: 9, mtimeMs: 3 }], 16_000, opts);
    expect(r.fire).toBe(true);
    state = r.state;
    r = observe(state, [{ path: '/in/a.csv', size: 9, mtimeMs: 3 }, { path: '/in/b.csv', size: 1, mtimeMs: 4 }], 30_000, opts);
    r = observe(r.state, [{ path: '/in/b.csv', size: 1, mtimeMs: 4 }], 50_000, opts);
    expect(r.fire).toBe(false); // quiet, but less than a minute after the last run
    r = observe(r.state, [{ path: '/in/b.csv', size: 1, mtimeMs: 4 }], 76_000, opts);
    expect(r.fire).toBe(true);
  });
});

/** A clock tests step by hand; timers never fire on their own. */
function fakeClock(start: number): EngineClock & { set(ms: number): void } {
  let now = start;
  return { now: () => now, setTimer: () => () => undefined, set: (ms) => void (now = ms) };
}

function harness(settings: JobSettings, listing: { path: string; size: number; mtimeMs: number }[] = []) {
  const clock = fakeClock(T0);
  const started: RunOrigin[] = [];
  const runs = new Map<string, StoredRun>();
  const job: StoredJob = { job_id: 7, creator_user_name: 'u', run_as_user_name: 'u', created_time: 0, settings };
  let next = 100;
  const control = {
    startRun: async (_req: unknown, origin: RunOrigin) => {
      started.push(origin);
      const id = ++next;
      runs.set(String(id), { run_id: id, job_id: 7, state: { life_cycle_state: 'RUNNING' } } as StoredRun);
      return id as Int64;
    },
    readRun: (id: Int64) => runs.get(String(id)),
  } as unknown as RunControl;
  const files = { list: listing };
  const service = new TriggerService({
    jobs: () => [job], runs: () => runs.values(), control, clock, fs: { listFiles: async () => files.list }, dataDir: '/data', filePollMs: 0, warn: () => undefined,
  });
  return { clock, started, runs, service, files };
}

describe('TriggerService', () => {
  it('fires a schedule at its fire time, with the fire time as trigger time, and not again until the next', async () => {
    const h = harness({ schedule: { quartz_cron_expression: '0 0 10 * * ?', timezone_id: 'UTC' } });
    await h.service.tick();
    expect(h.started).toEqual([]);
    h.clock.set(Date.UTC(2026, 10, 21, 10, 0, 0, 400));
    await h.service.tick();
    await h.service.tick();
    expect(h.started).toEqual([{ trigger: 'PERIODIC', trigger_time: Date.UTC(2026, 10, 21, 10, 0, 0) }]);
    h.clock.set(Date.UTC(2026, 10, 23, 12, 0, 0)); // two days down: one run, not two
    await h.service.tick();
    expect(h.started.length).toBe(2);
  });

  it('starts a run when a file lands in the watched folder', async () => {
    const h = harness({ trigger: { file_arrival: { url: '/Volumes/main/raw/in/' } } }, [{ path: '/data/volumes/main/raw/in/old', size: 1, mtimeMs: 1 }]);
    await h.service.tick();
    h.files.list = [...h.files.list, { path: '/data/volumes/main/raw/in/new.csv', size: 3, mtimeMs: 2 }];
    h.clock.set(T0 + 1000);
    await h.service.tick();
    expect(h.started).toEqual([{ trigger: 'FILE_ARRIVAL', trigger_time: T0 + 1000, file_arrival_location: '/Volumes/main/raw/in/' }]);
  });

  it('keeps one continuous run going and backs off after a failure', async () => {
    const h = harness({ continuous: { pause_status: 'UNPAUSED' } });
    await h.service.tick();
    await h.service.tick();
    expect(h.started).toEqual([{ trigger: 'CONTINUOUS' }]);
    h.runs.set('101', { ...h.runs.get('101'), state: { life_cycle_state: 'INTERNAL_ERROR', result_state: 'FAILED' } } as StoredRun);
    await h.service.tick();
    expect(h.started.length).toBe(1);
    h.clock.set(T0 + 10_000);
    await h.service.tick();
    expect(h.started.length).toBe(2);
  });

  it('does nothing for paused triggers', async () => {
    const h = harness({ continuous: { pause_status: 'PAUSED' }, schedule: { quartz_cron_expression: '* * * * * ?', timezone_id: 'UTC', pause_status: 'PAUSED' } });
    h.clock.set(T0 + 60_000);
    await h.service.tick();
    expect(h.started).toEqual([]);
  });
});
