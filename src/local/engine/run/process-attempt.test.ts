import { describe, expect, it } from 'vitest';
import { notInstalled, wheelPaths } from './process-attempt.js';

describe('libraries', () => {
  const job = { environments: [{ environment_key: 'e', spec: { dependencies: ['/Workspace/a/dist/x.whl', 'pandas==2.2', '-r /Workspace/req.txt'] } }] };
  it('installs workspace wheels and names what it does not install', () => {
    const task = { task_key: 't', environment_key: 'e', libraries: [{ whl: '/Workspace/b.whl' }, { pypi: { package: 'numpy' } }, { maven: { coordinates: 'a:b:1' } }] };
    expect(wheelPaths(task, job)).toEqual(['/Workspace/b.whl', '/Workspace/a/dist/x.whl']);
    expect(notInstalled(task, job)).toEqual(['pypi numpy', 'maven a:b:1', 'pandas==2.2', '-r /Workspace/req.txt']);
  });
});
