import { describe, expect, it } from 'vitest';
import { checkInputFromJobFile, runChecks } from '../../../test/helpers/run-check.js';
import { runJobAcyclic } from './run-job-cycle.js';
import { runJobTask } from './run-job-task.js';

const bundle = (jobId: string) => `resources:
  jobs:
    child:
      name: child
    parent:
      tasks:
        - task_key: run
          run_job_task:
            job_id: ${jobId}
`;

describe('runJobTask', () => {
  it.each([
    ['an integer id', '123', []],
    ['an int64 id', '9223372036854775807', []],
    ['zero (the reference accepts it)', '0', []],
    ['a bundle job', '${resources.jobs.child.id}', []],
    ['a variable', '${var.child_id}', []],
    ['a missing bundle job', '${resources.jobs.chlid.id}', ['run-job/unknown-job@9:21']],
    ['the job name instead of its id', '${resources.jobs.child.name}', ['run-job/invalid-job-id@9:21']],
    ['a name', 'my-child-job', ['run-job/invalid-job-id@9:21']],
    ['a negative number', '-1', ['run-job/invalid-job-id@9:21']],
    ['no id (schema)', '', []],
  ])('%s', (_name, jobId, expected) => {
    expect(runChecks(runJobTask, bundle(jobId))).toEqual(expected);
  });

  it('accepts integer ids in a raw job file', () => {
    const input = checkInputFromJobFile('{"tasks": [{"task_key": "r", "run_job_task": {"job_id": 12}}]}');
    expect(runJobTask(input)).toEqual([]);
  });
});

describe('runJobAcyclic', () => {
  const jobs = (...pairs: [string, string][]) =>
    `resources:\n  jobs:\n${pairs
      .map(([job, runs]) => `    ${job}:\n      tasks:\n        - task_key: t\n          run_job_task:\n            job_id: \${resources.jobs.${runs}.id}\n`)
      .join('')}`;

  it.each([
    ['a chain', jobs(['a', 'b'], ['b', 'c'], ['c', 'x']), []],
    ['a loop of two', jobs(['a', 'b'], ['b', 'a']), ['run-job/cycle@7:21']],
    ['a job that runs itself', jobs(['a', 'a']), ['run-job/cycle@7:21']],
    ['a loop of three', jobs(['a', 'b'], ['b', 'c'], ['c', 'a']), ['run-job/cycle@7:21']],
  ])('%s', (_name, yaml, expected) => {
    expect(runChecks(runJobAcyclic, yaml)).toEqual(expected);
  });
});
