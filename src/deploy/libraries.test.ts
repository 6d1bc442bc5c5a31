import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeIo } from '../ports/node-io.js';
import { writeTree } from '../../test/helpers/temp-tree.js';
import type { DesiredJob } from './desired.js';
import { expandLibraries, findLocalLibraries, rewriteLibraries } from './libraries.js';

const job = (settings: Record<string, unknown>): DesiredJob => ({ key: 'j', address: 'jobs.j', settings, needs: [] });
const fs = nodeIo().fs;

describe('local libraries', () => {
  it('finds task wheels and jars and environment wheels, never remote or pip specs', () => {
    const j = job({
      tasks: [
        { task_key: 'a', libraries: [{ whl: 'dist/a.whl' }, { jar: 'lib/b.jar' }, { whl: '/Volumes/x/c.whl' }, { pypi: { package: 'x' } }] },
        { task_key: 'f', for_each_task: { inputs: '[1]', task: { task_key: 'i', libraries: [{ whl: 'dist/i.whl' }] } } },
      ],
      environments: [{ environment_key: 'e', spec: { dependencies: ['./dist/*.whl', 'pandas', 'dbfs:/x.whl', '-r /Workspace/r.txt'] } }],
    });
    expect(findLocalLibraries([j])).toEqual(['./dist/*.whl', 'dist/a.whl', 'dist/i.whl', 'lib/b.jar']);
  });

  it('uploads to artifact_path/.internal and rewrites, one entry per glob match', async () => {
    const root = writeTree({ 'dist/a-1.whl': 'a', 'dist/b-1.whl': 'b' });
    const j = job({ tasks: [{ task_key: 't', libraries: [{ whl: 'dist/a-1.whl' }] }], environments: [{ environment_key: 'e', spec: { dependencies: ['./dist/*.whl', 'pandas'] } }] });
    const { value, diagnostics } = await expandLibraries(fs, root, root, '/ws/artifacts', findLocalLibraries([j]));
    expect(diagnostics).toEqual([]);
    rewriteLibraries([j], value);
    expect(j.settings).toEqual({
      tasks: [{ task_key: 't', libraries: [{ whl: '/ws/artifacts/.internal/a-1.whl' }] }],
      environments: [{ environment_key: 'e', spec: { dependencies: ['/ws/artifacts/.internal/a-1.whl', '/ws/artifacts/.internal/b-1.whl', 'pandas'] } }],
    });
    expect(value.get('dist/a-1.whl')![0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports a pattern without a match, and never reads a symlink that leaves the sync root', async () => {
    const outside = writeTree({ 'evil.whl': 'x' });
    const root = writeTree({ 'dist/.keep': '' });
    symlinkSync(join(outside, 'evil.whl'), join(root, 'dist', 'evil.whl'));
    const { value, diagnostics } = await expandLibraries(fs, root, root, '/ws/a', ['dist/none.whl', 'dist/evil.whl']);
    expect(diagnostics.map((d) => d.code)).toEqual(['deploy/library-not-found', 'path/outside-sync-root']);
    expect(value.size).toBe(0);
  });
});
